import type { ShipmentStatus, SubStatus } from '../../domain/shipment-status.js';

/** A normalized status with its optional reason. */
export interface UspsMappedStatus {
  status: ShipmentStatus;
  subStatus?: SubStatus;
}

const s = (status: ShipmentStatus, subStatus?: SubStatus): UspsMappedStatus => (subStatus ? { status, subStatus } : { status });

/**
 * `eventCode` → status, for the codes observed in the collected payloads (the full list, Pub 199 Appendix
 * G-4/G-5, was not retrieved; unlisted codes give `unknown` rather than a guess).
 * 03 "USPS in possession of item" is acceptance: our `picked_up` (the carrier has the parcel).
 * NP comes from a manually altered legacy fixture only; kept as the reference lists it.
 */
export const USPS_EVENT_CODES: Readonly<Record<string, UspsMappedStatus>> = {
  GX: s('label_created'),
  '03': s('picked_up'),
  SF: s('in_transit'),
  '10': s('in_transit'),
  T1: s('in_transit'),
  TL: s('in_transit'),
  A1: s('in_transit'),
  '07': s('in_transit'),
  PC: s('in_transit'),
  NP: s('in_transit'),
  OF: s('out_for_delivery'),
  '01': s('delivered'),
};

/**
 * `statusCategory` (describes the newest event only). "Delivered" and "Accepted" are observed; the rest are
 * the categories USPS.com shows, unverified in API payloads. "Returned/Forwarded" cannot tell the two apart,
 * so it is an exception: either way the parcel is not on its planned way.
 */
export const USPS_STATUS_CATEGORIES: Readonly<Record<string, UspsMappedStatus>> = {
  'pre-shipment': s('label_created'),
  accepted: s('picked_up'),
  'in transit': s('in_transit'),
  'out for delivery': s('out_for_delivery'),
  'delivery attempt': s('delivery_attempted', 'attempt_failed'),
  'available for pickup': s('available_for_pickup'),
  delivered: s('delivered'),
  alert: s('exception'),
  'returned/forwarded': s('exception'),
};

/** Codes are matched trimmed and upper-cased; a one-digit numeric code gets its leading zero back. */
function codeKey(code: string | undefined): string {
  const key = code?.trim().toUpperCase() ?? '';
  return /^\d$/.test(key) ? `0${key}` : key;
}

/** Looks an `eventCode` up; undefined when unlisted. */
export function mapUspsEventCode(code: string | undefined): UspsMappedStatus | undefined {
  const key = codeKey(code);
  return Object.hasOwn(USPS_EVENT_CODES, key) ? USPS_EVENT_CODES[key] : undefined;
}

/** Looks a `statusCategory` up (case- and spacing-insensitive); undefined when unlisted. */
export function mapUspsStatusCategory(category: string | undefined): UspsMappedStatus | undefined {
  const key = category?.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*\/\s*/g, '/') ?? '';
  return Object.hasOwn(USPS_STATUS_CATEGORIES, key) ? USPS_STATUS_CATEGORIES[key] : undefined;
}

/**
 * Status of one event: its `eventCode` decides; `statusCategory` (coded too, but about the newest event
 * only) is the fallback for that event. Free text (`eventType`) is never read. Otherwise `unknown`.
 */
export function mapUspsStatus(input: { eventCode?: string; statusCategory?: string }): UspsMappedStatus {
  return mapUspsEventCode(input.eventCode) ?? mapUspsStatusCategory(input.statusCategory) ?? s('unknown');
}
