import type { ShipmentStatus } from './shipment-status.js';

/**
 * Progress rank on the forward path. `null` marks statuses that are not progress: `exception` is a side
 * state shown beside the progress reached, `unknown` never changes the display, and `cancelled` is an
 * end outside the path. The three last-mile statuses share a rank: a failed attempt or a parcel waiting at a
 * pickup point is as far along as "out for delivery", and the newest of them is what the customer sees.
 */
const PROGRESS_RANK: Readonly<Record<ShipmentStatus, number | null>> = {
  order_received: 0,
  in_preparation: 1,
  label_created: 2,
  picked_up: 3,
  in_transit: 4,
  out_for_delivery: 5,
  delivery_attempted: 5,
  available_for_pickup: 5,
  delivered: 6,
  returned_to_sender: 7,
  exception: null,
  cancelled: null,
  unknown: null,
};

/** Rank from which a parcel counts as shipped (the carrier has it). */
export const SHIPPED_RANK = 3;

/**
 * Order of events that share one instant. It follows the forward path, puts a same-instant exception after
 * progress (the problem is the news), and ends with the terminal statuses, so ties resolve the same way on
 * every run regardless of arrival order.
 */
const TIE_ORDER: Readonly<Record<ShipmentStatus, number>> = {
  unknown: 0,
  order_received: 1,
  in_preparation: 2,
  label_created: 3,
  picked_up: 4,
  in_transit: 5,
  out_for_delivery: 6,
  delivery_attempted: 7,
  available_for_pickup: 8,
  exception: 9,
  delivered: 10,
  returned_to_sender: 11,
  cancelled: 12,
};

/** Progress rank of a status, or null when the status is not progress (exception, cancelled, unknown). */
export function progressRank(status: ShipmentStatus): number | null {
  return PROGRESS_RANK[status];
}

/** Position of a status among events that occurred at the same instant (see `compareEvents`). */
export function tieBreakOrder(status: ShipmentStatus): number {
  return TIE_ORDER[status];
}

/**
 * Statuses after which no stall can happen and no carrier progress is expected. `delivered` is still
 * open to a later `returned_to_sender`, but nothing is late any more. The one list: store filters
 * (`$nin`) and the checks below share it.
 */
export const TERMINAL_STATUSES: readonly ShipmentStatus[] = ['delivered', 'returned_to_sender', 'cancelled'];

/** Whether the status is one of `TERMINAL_STATUSES`. */
export function isTerminalStatus(status: ShipmentStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}
