import { CARRIER_MANIFESTS } from '../all.js';
import type { CarrierId } from '../carrier-adapter.js';
import { matchFormats, normalizeTrackingNumber } from './detect-carrier.js';

/** Outcome of {@link validateForCarrier}; `reason` explains a rejection to the shop. */
export interface CarrierValidation {
  valid: boolean;
  reason?: string;
}

// The simulator issues its own numbers but demos also feed it made-up ones, so it is free-form too.
const FREE_FORM_DESPITE_FORMATS: ReadonlySet<CarrierId> = new Set(['simulator']);
const FREE_FORM = /^[A-Z0-9]{6,40}$/;

// Format ids each carrier's manifest lists. A shared format (S10) counts for every post that lists it,
// because posts deliver inbound international items under the sender post's S10 number.
const OWN_FORMAT_IDS = new Map<string, ReadonlySet<string>>(
  CARRIER_MANIFESTS.map((m) => [m.id, new Set(m.trackingNumberFormats.map((f) => f.id))]),
);

/**
 * Validates a number against the carrier the shop named. Carriers without formats of their own
 * (aggregators such as easypost, aftership, shippo: we cannot know the formats of hundreds of couriers)
 * and the simulator accept any 6–40 letters or digits; the others (ups, fedex, usps, dhl, canadapost)
 * accept only numbers that fit one of their manifest's formats, check digit included.
 */
export function validateForCarrier(input: string, carrier: CarrierId): CarrierValidation {
  const normalized = normalizeTrackingNumber(input);
  const ownIds = OWN_FORMAT_IDS.get(carrier) ?? new Set<string>();
  if (ownIds.size === 0 || FREE_FORM_DESPITE_FORMATS.has(carrier)) {
    return FREE_FORM.test(normalized)
      ? { valid: true }
      : { valid: false, reason: `a ${carrier} tracking number has 6 to 40 letters or digits` };
  }
  const own = matchFormats(normalized).filter((m) => m.carrier === carrier || ownIds.has(m.formatId));
  const first = own[0];
  if (first?.valid) return { valid: true };
  if (first) return { valid: false, reason: first.reason ?? `not a valid ${carrier} tracking number` };
  return { valid: false, reason: `not a ${carrier} tracking number format` };
}
