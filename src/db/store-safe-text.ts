/**
 * Text the store refuses. PostgreSQL (under FerretDB, the MongoDB-wire stand-in) cannot hold U+0000 in
 * text or jsonb, and refuses the whole document; a real MongoDB keeps it. Carriers do send it (a scanner's
 * description, a padded field), so documents are written with each U+0000 replaced by U+FFFD, the
 * character that says "something unreadable was here", rather than refused along with the tracking news.
 */
// eslint-disable-next-line no-control-regex -- matching U+0000 is this module's job
const REFUSED = /\u0000/g;
const REPLACEMENT = '\uFFFD';

/** True when the text holds a character some store refuses. */
export function hasStoreRefusedText(text: string): boolean {
  return text.includes('\u0000');
}

/**
 * The value with every refused character in its strings (and object keys) replaced; values without any
 * come back as they are (the same object), so the common case costs one walk and no copy.
 */
export function storeSafe<T>(value: T): T {
  return (needsEscape(value) ? escape(value) : value) as T;
}

function needsEscape(value: unknown): boolean {
  if (typeof value === 'string') return hasStoreRefusedText(value);
  if (Array.isArray(value)) return value.some(needsEscape);
  if (isPlainObject(value)) return Object.entries(value).some(([k, v]) => hasStoreRefusedText(k) || needsEscape(v));
  return false;
}

function escape(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(REFUSED, REPLACEMENT);
  if (Array.isArray(value)) return value.map(escape);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(REFUSED, REPLACEMENT), escape(v)]));
  return value;
}

/** Plain JSON-like objects only: Dates, ObjectIds and Buffers are left alone. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
