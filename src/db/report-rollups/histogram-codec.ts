import { EMPTY_HISTOGRAM, histogramOf, type Histogram } from './histogram.js';

/**
 * A histogram as one short string, for the rollup rows (`packHistogram`), and back. Keys are stored as
 * gaps from the previous key and a count of one is implied, so a dense delivery-time histogram costs about
 * 1.4 characters per key (the first form, `key:count,…` in base 36, cost six). Each entry is one number,
 * `gap * 2 + (count > 1)`, then `count - 2` when the flag is set; the first entry's "gap" is its key
 * zigzag-coded (so a negative key survives). A number is written in base 32, least significant digit
 * first, as characters of a 64-letter alphabet: the lower 32 end a number, the upper 32 say more digits
 * follow. Arithmetic rather than bit operations, so ms timestamps (about 2^41) stay exact; a key or gap
 * beyond 2^51, which could not, is refused. The alphabet needs no escaping inside JSON.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

function pushNumber(out: string[], n: number): void {
  while (n >= 32) {
    const low = n % 32;
    out.push(ALPHABET[32 + low]!);
    n = (n - low) / 32;
  }
  out.push(ALPHABET[n]!);
}

/** The packed form of a histogram (`''` when empty). Throws on a key or count that is not a safe integer. */
export function packHistogram(h: Histogram): string {
  const out: string[] = [];
  for (let i = 0; i < h.keys.length; i++) {
    const key = h.keys[i]!;
    const count = h.counts[i]!;
    const head = i === 0 ? (key >= 0 ? key * 2 : -key * 2 - 1) : key - h.keys[i - 1]! - 1;
    if (!Number.isSafeInteger(key) || !Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(head * 2 + 1)) throw new Error(`histogram entry ${key}:${count} cannot be packed`);
    pushNumber(out, head * 2 + (count > 1 ? 1 : 0));
    if (count > 1) pushNumber(out, count - 2);
  }
  return out.join('');
}

/** The histogram of a packed string. Throws on a malformed one (a truncated number, a foreign character). */
export function unpackHistogram(text: string): Histogram {
  if (!text) return EMPTY_HISTOGRAM;
  const keys: number[] = [];
  const counts: number[] = [];
  let at = 0;
  const read = (): number => {
    let n = 0;
    let scale = 1;
    for (;;) {
      const code = text.charCodeAt(at++);
      const digit = code < 128 ? VALUE[code]! : -1;
      // NaN past the end: VALUE[NaN] is undefined.
      if (!(digit >= 0)) throw new Error(`malformed packed histogram at ${at - 1}`);
      if (digit < 32) return n + digit * scale;
      n += (digit - 32) * scale;
      scale *= 32;
    }
  };
  let key = 0;
  while (at < text.length) {
    const head = read();
    const more = head % 2;
    const gap = (head - more) / 2;
    key = keys.length ? key + gap + 1 : gap % 2 ? -(gap + 1) / 2 : gap / 2;
    keys.push(key);
    counts.push(more ? read() + 2 : 1);
  }
  return { keys, counts };
}

/** The histogram of the first stored form, `key:count,…` in base 36 (rows written before the packed form). */
export function parseLegacyHistogram(text: string): Histogram {
  const m = new Map<number, number>();
  if (!text) return EMPTY_HISTOGRAM;
  for (const pair of text.split(',')) {
    const at = pair.indexOf(':');
    const key = parseInt(pair.slice(0, at), 36);
    m.set(key, (m.get(key) ?? 0) + parseInt(pair.slice(at + 1), 36));
  }
  return histogramOf(m);
}
