/**
 * GSM 03.38 (3GPP TS 23.038) default alphabet and SMS segment counting.
 *
 * Turkish decision: Turkish texts are sent in GSM-7 after transliterating the letters the default alphabet
 * lacks (ş→s, Ş→S, ğ→g, Ğ→G, ı→i, İ→I, ç→c). Ç, Ö, ö, Ü, ü are in the alphabet and stay. Readers of
 * Turkish SMS know this spelling well, and it keeps a message at 160 characters a segment instead of 70
 * (UCS-2). The Turkish national shift table of 23.038 would keep every letter, but carriers and Twilio do not
 * reliably send it, so it is not used. A text that still holds a character outside the alphabet (an emoji
 * in a shop name) is sent as UCS-2 unchanged rather than mangled.
 */

// The basic set, in code order, with the escape (0x1B) left out: it only introduces the extension table.
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// Characters sent as escape + one code: two septets each.
const EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

/** Septets one character takes in GSM-7: 1, 2 (extension table) or undefined (not encodable). */
export function gsm7Septets(char: string): 1 | 2 | undefined {
  if (basic.has(char)) return 1;
  if (extension.has(char)) return 2;
  return undefined;
}

/** True when every character of the text is in the GSM-7 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (gsm7Septets(char) === undefined) return false;
  return true;
}

const TURKISH: Record<string, string> = { ş: 's', Ş: 'S', ğ: 'g', Ğ: 'G', ı: 'i', İ: 'I', ç: 'c' };
// Typographic punctuation templates and carriers use, mapped to the plain forms GSM-7 has.
const PUNCTUATION: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
};

/** Replaces Turkish letters and typographic punctuation outside GSM-7 with their plain forms. */
export function toGsm7Friendly(text: string): string {
  let out = '';
  for (const char of text) out += TURKISH[char] ?? PUNCTUATION[char] ?? char;
  return out;
}

/** How a text goes out as SMS. */
export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  /** Units one segment holds for this text: 160/70 when it fits one segment, 153/67 when it is split. */
  perSegment: number;
}

// A split message spends 6 bytes of each segment on its concatenation header: 153 septets or 67 code units.
function pack(sizes: number[], single: number, multi: number): { units: number; segments: number; perSegment: number } {
  const units = sizes.reduce((a, b) => a + b, 0);
  if (units <= single) return { units, segments: units === 0 ? 0 : 1, perSegment: single };
  // An escape pair (GSM-7) or a surrogate pair (UCS-2) is never split across two segments.
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > multi) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { units, segments, perSegment: multi };
}

/** Counts the segments a text takes, choosing GSM-7 when every character allows it, else UCS-2. */
export function countSegments(text: string): SegmentCount {
  const chars = [...text];
  const septets = chars.map(gsm7Septets);
  if (septets.every((s) => s !== undefined)) {
    return { encoding: 'GSM-7', ...pack(septets as number[], 160, 153) };
  }
  return { encoding: 'UCS-2', ...pack(chars.map((c) => c.length), 70, 67) };
}
