/**
 * The one normalized status vocabulary every carrier maps to. Order matters only for documentation;
 * progress comparisons use `STATUS_RANK`.
 */
export const SHIPMENT_STATUSES = [
  'order_received',
  'in_preparation',
  'label_created',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivery_attempted',
  'available_for_pickup',
  'delivered',
  'exception',
  'returned_to_sender',
  'cancelled',
  'unknown',
] as const;

export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export function isShipmentStatus(value: unknown): value is ShipmentStatus {
  return typeof value === 'string' && (SHIPMENT_STATUSES as readonly string[]).includes(value);
}

/** Customer-facing milestones of the timeline, in order. */
export const MILESTONES = ['order_received', 'in_preparation', 'shipped', 'out_for_delivery', 'delivered'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** Finer reasons kept beside `exception` (and a few other statuses) when the carrier says why. */
export const SUB_STATUSES = [
  'attempt_failed',
  'delayed',
  'customs_hold',
  'damaged',
  'address_issue',
  'cancelled',
  'lost',
  'refused',
] as const;
export type SubStatus = (typeof SUB_STATUSES)[number];

/** Where a status change came from; recorded in the audit log. */
export type StatusSource = 'webhook' | 'poll' | 'manual' | 'system';
