import type { CarrierId } from '../carrier-adapter.js';
import { matchFormats, normalizeTrackingNumber } from './detect-carrier.js';

/** Outcome of {@link validateForCarrier}; `reason` explains a rejection to the shop. */
export interface CarrierValidation {
  valid: boolean;
  reason?: string;
}

// Aggregators track numbers of hundreds of couriers and the simulator issues its own: we cannot
// know their formats, so only a sane length and alphabet is enforced.
const FREE_FORM_CARRIERS: ReadonlySet<CarrierId> = new Set(['easypost', 'aftership', 'shippo', 'simulator']);
const FREE_FORM = /^[A-Z0-9]{6,40}$/;

// Posts deliver inbound international items under the sender post's S10 number, so an S10 number
// of any country is acceptable when the shop says USPS or Canada Post carries it.
const POSTS: ReadonlySet<CarrierId> = new Set(['usps', 'canadapost']);

/**
 * Validates a number against the carrier the shop named. Aggregators (easypost, aftership, shippo)
 * and the simulator accept any 6–40 letters or digits; ups, fedex, usps, dhl and canadapost accept
 * only numbers that fit one of their formats, check digit included.
 */
export function validateForCarrier(input: string, carrier: CarrierId): CarrierValidation {
  const normalized = normalizeTrackingNumber(input);
  if (FREE_FORM_CARRIERS.has(carrier)) {
    return FREE_FORM.test(normalized)
      ? { valid: true }
      : { valid: false, reason: `a ${carrier} tracking number has 6 to 40 letters or digits` };
  }
  const own = matchFormats(normalized).filter(
    (m) => m.carrier === carrier || (m.formatId === 's10' && POSTS.has(carrier)),
  );
  const first = own[0];
  if (first?.valid) return { valid: true };
  if (first) return { valid: false, reason: first.reason ?? `not a valid ${carrier} tracking number` };
  return { valid: false, reason: `not a ${carrier} tracking number format` };
}
