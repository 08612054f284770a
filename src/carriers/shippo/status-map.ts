import type { ShipmentStatus, SubStatus } from '../../domain/shipment-status.js';

/** A normalized status with the optional finer reason. */
export interface MappedStatus {
  status: ShipmentStatus;
  subStatus?: SubStatus;
}

/** Every documented Shippo `status`. */
export const SHIPPO_STATUSES: Readonly<Record<string, ShipmentStatus>> = {
  UNKNOWN: 'unknown',
  PRE_TRANSIT: 'label_created',
  TRANSIT: 'in_transit',
  DELIVERED: 'delivered',
  RETURNED: 'returned_to_sender',
  FAILURE: 'exception',
};

/**
 * Substatus codes that name a different step of the journey. Shippo reports out-for-delivery, pickup and
 * attempts only here (as `TRANSIT` or `FAILURE`), so they may upgrade those two statuses; the list says
 * which base statuses each may replace, so a stale code can never undo `DELIVERED` or `RETURNED`.
 */
export const SHIPPO_SUBSTATUS_STEPS: Readonly<Record<string, { from: readonly ShipmentStatus[]; to: MappedStatus }>> = {
  package_accepted: { from: ['label_created', 'in_transit'], to: { status: 'picked_up' } },
  out_for_delivery: { from: ['in_transit'], to: { status: 'out_for_delivery' } },
  pickup_available: { from: ['in_transit'], to: { status: 'available_for_pickup' } },
  delivery_attempted: { from: ['in_transit', 'exception'], to: { status: 'delivery_attempted', subStatus: 'attempt_failed' } },
  notice_left: { from: ['in_transit', 'exception'], to: { status: 'delivery_attempted', subStatus: 'attempt_failed' } },
  return_to_sender: { from: ['in_transit', 'exception'], to: { status: 'returned_to_sender' } },
};

/** Substatus codes that only add a reason; the other documented codes restate the status. */
export const SHIPPO_SUBSTATUS_REASONS: Readonly<Record<string, SubStatus>> = {
  address_issue: 'address_issue',
  location_inaccessible: 'address_issue',
  delayed: 'delayed',
  package_damaged: 'damaged',
  package_lost: 'lost',
};

/**
 * Maps a Shippo `status` + `substatus.code`. The coded status decides; the substatus upgrades it only
 * where {@link SHIPPO_SUBSTATUS_STEPS} allows, or adds a reason (never to `delivered`). Unknown → `unknown`
 * (the caller keeps the raw text). Never throws.
 */
export function mapShippoStatus(status: string | undefined, substatusCode?: string): MappedStatus {
  const key = status?.trim().toUpperCase() ?? '';
  const base = Object.hasOwn(SHIPPO_STATUSES, key) ? SHIPPO_STATUSES[key] : undefined;
  if (base === undefined) return { status: 'unknown' };
  const code = substatusCode?.trim().toLowerCase() ?? '';
  const step = Object.hasOwn(SHIPPO_SUBSTATUS_STEPS, code) ? SHIPPO_SUBSTATUS_STEPS[code] : undefined;
  if (step && step.from.includes(base)) return { ...step.to };
  const reason = Object.hasOwn(SHIPPO_SUBSTATUS_REASONS, code) ? SHIPPO_SUBSTATUS_REASONS[code] : undefined;
  return reason && base !== 'delivered' ? { status: base, subStatus: reason } : { status: base };
}
