import type { CarrierId } from '../carrier-adapter.js';
import { DISTINCTIVE_RANK } from './format-builders.js';
import type { FormatMatch, TrackingFormat } from './types.js';

/** One format a number fits, as reported to callers. */
export interface DetectionCandidate {
  carrier: CarrierId | null;
  service?: string;
  valid: boolean;
}

/**
 * The answer of {@link detectCarrier}.
 * - `carrier` set and `valid` true: the number is well-formed and belongs to that carrier.
 * - `carrier` set and `valid` false: it has that carrier's prefixed shape but a wrong check digit
 *   (a typo); bare digits with a wrong check digit get `carrier: null` instead.
 * - `carrier` null and `valid` true: well-formed, but no carrier we integrate can be picked: a
 *   foreign post's S10 number, or equally specific formats of different carriers (see `candidates`).
 * - `carrier` null and `valid` false: it matches no format we know (couriers we do not integrate,
 *   such as Amazon, OnTrac or DPD, land here too: name the carrier explicitly for those).
 */
export interface DetectionResult {
  /** The normalized number: spaces and dashes removed, upper-cased. */
  trackingNumber: string;
  carrier: CarrierId | null;
  valid: boolean;
  /** Format or service name, e.g. "UPS Ground", "FedEx Express (12)", "S10 (Germany)". */
  service?: string;
  /** Every format the number fits, present only when it fits more than one. */
  candidates?: DetectionCandidate[];
  /** Human-readable reason when `valid` is false or `carrier` is null. */
  reason?: string;
  /**
   * `low` when only a loose shape fits (e.g. a USPS IMpb the published patterns reject but whose check
   * digit holds): likely right, worth a second look. Absent for a full pattern match.
   */
  confidence?: 'low';
}

// Longer than any known format (IMpb with routing code is 34): refuse early, never run patterns.
const MAX_LENGTH = 64;

/** Upper-case and drop whitespace and dashes, the separators labels and people add. */
export function normalizeTrackingNumber(input: string): string {
  return input.replace(/[\s\-\u2010-\u2015]+/g, '').toUpperCase();
}

/**
 * Formats among `formats` whose shape fits the normalized number: valid first, then most specific first.
 * Takes the format list so carrier code can detect among a few carriers without loading all.ts.
 */
export function matchFormatsIn(formats: readonly TrackingFormat[], normalized: string): FormatMatch[] {
  if (normalized.length === 0 || normalized.length > MAX_LENGTH) return [];
  const matches: FormatMatch[] = [];
  for (const format of formats) {
    const m = format.pattern.exec(normalized);
    if (m) matches.push(format.inspect(m.groups ?? {}));
  }
  // A loose (low-confidence) shape only speaks when no full pattern has a better answer: dropped beside
  // any valid match, and when it fails its own check beside any other match.
  const strict = matches.filter((m) => !m.confidence);
  const kept = matches.filter((m) => !m.confidence || (m.valid ? !strict.some((s) => s.valid) : strict.length === 0));
  // Array sort is stable, so the table order breaks remaining ties deterministically.
  return kept.sort((a, b) => Number(b.valid) - Number(a.valid) || b.rank - a.rank);
}

function toCandidates(matches: FormatMatch[]): DetectionCandidate[] | undefined {
  const seen = new Set<string>();
  const candidates: DetectionCandidate[] = [];
  for (const { carrier, service, valid } of matches) {
    const key = `${carrier}|${service}|${valid}`;
    if (!seen.has(key)) candidates.push({ carrier, service, valid });
    seen.add(key);
  }
  return candidates.length > 1 ? candidates : undefined;
}

/**
 * Turns the sorted format matches into one answer. The most specific valid format names the
 * carrier; equally specific valid formats of different carriers give `carrier: null`, because
 * guessing would send the order to the wrong carrier. Exported for tests of that rule.
 */
export function resolveDetection(trackingNumber: string, matches: FormatMatch[]): DetectionResult {
  const candidates = toCandidates(matches);
  const withCandidates = candidates ? { candidates } : {};
  const best = matches[0];
  if (!best) {
    return { trackingNumber, carrier: null, valid: false, reason: 'matches no known tracking-number format' };
  }
  const reason = best.reason ?? 'invalid tracking number';
  if (!best.valid && best.rank < DISTINCTIVE_RANK) {
    // Bare digits with a wrong check digit are as likely another courier's number as a typo.
    return { trackingNumber, carrier: null, valid: false, ...withCandidates, reason };
  }
  if (!best.valid) {
    return { trackingNumber, carrier: best.carrier, valid: false, service: best.service, ...withCandidates, reason };
  }
  const rivals = matches.filter((m) => m.valid && m.rank === best.rank && m.carrier !== best.carrier);
  if (rivals.length > 0) {
    const names = [best, ...rivals].map((m) => m.service).join(', ');
    return { trackingNumber, carrier: null, valid: true, ...withCandidates, reason: `ambiguous: fits ${names}` };
  }
  const result: DetectionResult = { trackingNumber, carrier: best.carrier, valid: true, service: best.service };
  if (best.confidence) result.confidence = best.confidence;
  if (best.carrier === null) result.reason = `${best.service} is not issued by a carrier we integrate`;
  return { ...result, ...withCandidates };
}

/** Like `detectCarrier` (detect-carrier.ts, every manifest's formats), over the given formats only. */
export function detectCarrierIn(formats: readonly TrackingFormat[], input: string): DetectionResult {
  const trackingNumber = normalizeTrackingNumber(input);
  return resolveDetection(trackingNumber, matchFormatsIn(formats, trackingNumber));
}
