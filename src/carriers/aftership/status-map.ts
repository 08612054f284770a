import type { ShipmentStatus, SubStatus } from '../../domain/shipment-status.js';

/** A normalized status with the optional finer reason. */
export interface MappedStatus {
  status: ShipmentStatus;
  subStatus?: SubStatus;
}

/**
 * Every documented delivery status (`tag`). `Pending` means AfterShip has no carrier data yet and `Expired`
 * that it stopped looking: neither says anything about the parcel. A failed attempt is its own status in
 * our vocabulary.
 */
export const AFTERSHIP_TAGS: Readonly<Record<string, MappedStatus>> = {
  Pending: { status: 'unknown' },
  InfoReceived: { status: 'label_created' },
  InTransit: { status: 'in_transit' },
  OutForDelivery: { status: 'out_for_delivery' },
  AttemptFail: { status: 'delivery_attempted', subStatus: 'attempt_failed' },
  Delivered: { status: 'delivered' },
  AvailableForPickup: { status: 'available_for_pickup' },
  Exception: { status: 'exception' },
  Expired: { status: 'unknown' },
};

/**
 * Documented sub-statuses (`subtag`) that change or refine the tag's meaning. Subtags not listed keep
 * the tag's mapping (e.g. `InTransit_007` departure scan is plain in-transit).
 */
export const AFTERSHIP_SUBTAGS: Readonly<Record<string, MappedStatus>> = {
  InTransit_002: { status: 'picked_up' }, // acceptance scan
  Exception_002: { status: 'exception', subStatus: 'address_issue' }, // customer moved
  Exception_003: { status: 'exception', subStatus: 'refused' },
  Exception_004: { status: 'exception', subStatus: 'customs_hold' }, // delayed in customs clearance
  Exception_005: { status: 'exception', subStatus: 'delayed' }, // external factors
  Exception_007: { status: 'exception', subStatus: 'address_issue' }, // incorrect address
  Exception_010: { status: 'returned_to_sender' }, // returning to sender
  Exception_011: { status: 'returned_to_sender' }, // returned to sender
  Exception_012: { status: 'exception', subStatus: 'damaged' },
  Exception_013: { status: 'exception', subStatus: 'lost' },
  Exception_016: { status: 'exception', subStatus: 'delayed' }, // processing issue
  Exception_017: { status: 'exception', subStatus: 'delayed' }, // extreme weather
  Exception_018: { status: 'exception', subStatus: 'customs_hold' }, // incorrect / missing documents
  Exception_019: { status: 'exception', subStatus: 'delayed' }, // late flight
  Exception_020: { status: 'exception', subStatus: 'cancelled' }, // voided by sender or carrier
};

/**
 * Maps a tag (+ subtag). A subtag refines only within its own tag (`Exception_010` under `Exception`), so a
 * subtag that disagrees with its tag cannot override the coded status. Unknown tags → `unknown`; the caller
 * keeps the raw text. Never throws.
 */
export function mapAfterShipTag(tag: string | undefined, subtag?: string): MappedStatus {
  const key = tag?.trim() ?? '';
  const base = Object.hasOwn(AFTERSHIP_TAGS, key) ? AFTERSHIP_TAGS[key] : undefined;
  if (base === undefined) return { status: 'unknown' };
  const sub = subtag?.trim() ?? '';
  const refined = sub.startsWith(`${key}_`) && Object.hasOwn(AFTERSHIP_SUBTAGS, sub) ? AFTERSHIP_SUBTAGS[sub] : undefined;
  return { ...(refined ?? base) };
}
