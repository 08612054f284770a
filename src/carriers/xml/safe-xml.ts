import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Thrown when a document is refused for safety reasons (DTD/entity declarations, size, nesting depth). */
export class XmlSecurityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSecurityError';
  }
}

/** Thrown when a document is not well-formed XML. */
export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlParseError';
  }
}

/** Options for {@link parseXmlSafely}. */
export interface SafeXmlOptions {
  /** Largest accepted document in UTF-8 bytes; default 1 MiB (carrier tracking answers are a few KiB). */
  maxBytes?: number;
  /** Deepest accepted element nesting; default 64 (SOAP envelopes rarely pass 15). */
  maxDepth?: number;
  /**
   * Dotted element paths (namespace prefixes removed) that always parse as arrays, so a single
   * `<occurrence>` reads the same as several, e.g. `tracking-detail.significant-events.occurrence`.
   */
  arrayPaths?: string[];
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_DEPTH = 64;

// Any DTD is refused, not sanitised: internal subsets are where XXE, parameter entities and
// billion-laughs live, and no carrier answer we consume needs one. Case-insensitive because a lenient
// parser might accept `<!doctype`.
const DTD_MARKERS = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g;

/**
 * Decodes only the five predefined XML entities and numeric character references (a character
 * reference is one code point, never an expansion). Anything else such as `&foo;` stays literal text.
 */
function decodeReferences(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(REFERENCE, (whole, dec?: string, hex?: string, named?: string) => {
    if (named !== undefined) return PREDEFINED[named] ?? whole;
    const codePoint = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    const valid = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return valid ? String.fromCodePoint(codePoint) : whole;
  });
}

/**
 * Parses untrusted XML (carrier responses) into plain objects. Refuses any DTD or entity declaration
 * outright, decodes only the predefined entities, caps size and nesting depth, strips namespace
 * prefixes so `soap:Body`/`v7:TrackReply` read as `Body`/`TrackReply`. Attributes appear as `@_name`;
 * all text stays a string (no number coercion: `0174` must not become `174`).
 *
 * @throws XmlSecurityError for refused documents, XmlParseError for malformed ones.
 */
export function parseXmlSafely(xml: string, options: SafeXmlOptions = {}): unknown {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  // A string's UTF-8 byte count is never below its length, so the length test rejects huge input
  // before paying for the byte count.
  if (xml.length > maxBytes || Buffer.byteLength(xml, 'utf8') > maxBytes) {
    throw new XmlSecurityError(`XML document exceeds ${maxBytes} bytes`);
  }
  if (DTD_MARKERS.test(xml)) {
    throw new XmlSecurityError('XML document declares a DTD or entities; refused');
  }
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new XmlParseError(`Malformed XML at ${line}:${col}: ${msg}`);
  }

  const arrayPaths = new Set(options.arrayPaths ?? []);
  const parser = new XMLParser({
    // Entity handling is ours (decodeReferences); the parser must not expand anything itself. CDATA
    // text also passes through the decoder, which is harmless: decoding can only shrink text.
    processEntities: false,
    htmlEntities: false,
    removeNSPrefix: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: maxDepth,
    tagValueProcessor: (_tag, value) => decodeReferences(value),
    attributeValueProcessor: (_attr, value) => decodeReferences(value),
    isArray: (_tag, jPath, _isLeaf, isAttribute) => !isAttribute && typeof jPath === 'string' && arrayPaths.has(jPath),
  });
  try {
    return parser.parse(xml) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/nested/i.test(message)) throw new XmlSecurityError(`XML nesting deeper than ${maxDepth}; refused`);
    throw new XmlParseError(`XML could not be parsed: ${message}`);
  }
}
