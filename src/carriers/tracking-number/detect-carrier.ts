import { detectCarrierIn, matchFormatsIn, type DetectionResult } from './match-formats.js';
import { TRACKING_FORMATS } from './formats.js';
import type { FormatMatch } from './types.js';

export { normalizeTrackingNumber, resolveDetection } from './match-formats.js';
export type { DetectionCandidate, DetectionResult } from './match-formats.js';

/** Formats of every carrier manifest whose shape fits the normalized number: valid first, then most specific first. */
export function matchFormats(normalized: string): FormatMatch[] {
  return matchFormatsIn(TRACKING_FORMATS, normalized);
}

/**
 * Validates a tracking number and detects its carrier from its format and check digit, e.g.
 * `detectCarrier('1z 879e 930 346 834 440')` → `{ carrier: 'ups', valid: true, service: 'UPS Ground', … }`.
 * Uses the formats of every manifest in src/carriers/all.ts.
 */
export function detectCarrier(input: string): DetectionResult {
  return detectCarrierIn(TRACKING_FORMATS, input);
}
