import { milestonesReachedBy } from './milestones.js';
import type { Milestone, ShipmentStatus, SubStatus } from './shipment-status.js';
import { progressRank } from './status-rank.js';
import type { TrackingEvent } from './tracking-event.js';

/**
 * The status summary of a run of events folded in timeline order. Plain JSON: a fold is stored in the
 * shipment state as the starting point for events that come after it.
 */
export interface StatusFold {
  /** Displayed status. */
  status: ShipmentStatus;
  /** Reason given by the event that set the displayed status. */
  subStatus?: SubStatus;
  /** Highest progress rank reached; exceptions and cancellation leave it alone. */
  rank: number;
  /** First `occurredAt` (or manual `now`) at which each milestone was passed. */
  milestoneAt: Partial<Record<Milestone, string>>;
  /** `occurredAt` of the delivery, present only while the status is `delivered`. */
  deliveredAt?: string;
}

/** The fold of a new order: received at `now`, nothing else. */
export function initialFold(now: string): StatusFold {
  return { status: 'order_received', rank: 0, milestoneAt: { order_received: now } };
}

/** Display an event's status, record the milestones it passes and raise the rank. */
function show(fold: StatusFold, event: TrackingEvent, rank: number): StatusFold {
  const milestoneAt = { ...fold.milestoneAt };
  for (const m of milestonesReachedBy(event.status)) milestoneAt[m] ??= event.occurredAt;
  const next: StatusFold = { status: event.status, rank: Math.max(fold.rank, rank), milestoneAt };
  if (event.subStatus !== undefined) next.subStatus = event.subStatus;
  if (event.status === 'delivered') next.deliveredAt = event.occurredAt;
  return next;
}

/** Display a status that is not progress (exception, cancellation): rank and milestones stay. */
function showAside(fold: StatusFold, event: TrackingEvent): StatusFold {
  const next: StatusFold = { status: event.status, rank: fold.rank, milestoneAt: fold.milestoneAt };
  if (event.subStatus !== undefined) next.subStatus = event.subStatus;
  return next;
}

/**
 * One step of the status fold. Rules, in priority order:
 * - `unknown` never changes the display.
 * - Once delivered, only a later `returned_to_sender` changes the display.
 * - `delivered` supersedes whatever came before it, even a return or a cancellation: a parcel in the
 *   customer's hands is the strongest fact a carrier reports. (Mappers must therefore map "return delivered
 *   to the shipper" to `returned_to_sender`, not `delivered`.)
 * - A return or a cancellation ends the story for everything but a delivery.
 * - `exception` and `cancelled` show beside the rank reached without lowering it.
 * - A progress status shows when it is at least as far as the rank reached; this is what clears an exception
 *   or a failed attempt. An older-looking scan (lower rank) never moves the display back.
 */
export function stepFold(fold: StatusFold, event: TrackingEvent): StatusFold {
  const status = event.status;
  const rank = progressRank(status) ?? fold.rank;
  if (status === 'unknown') return fold;
  if (fold.status === 'delivered') return status === 'returned_to_sender' ? show(fold, event, rank) : fold;
  if (status === 'delivered') return show(fold, event, rank);
  if (fold.status === 'returned_to_sender' || fold.status === 'cancelled') return fold;
  if (status === 'exception' || status === 'cancelled') return showAside(fold, event);
  return rank < fold.rank ? fold : show(fold, event, rank);
}

/** Fold events (already in timeline order) onto a starting fold. */
export function foldEvents(start: StatusFold, events: readonly TrackingEvent[]): StatusFold {
  return events.reduce(stepFold, start);
}

/**
 * The shop marked the order as being prepared at `now`: raise the floor of a fold that has not got that far.
 * Applied to the starting fold, so it sits before every carrier event.
 */
export function withPreparation(fold: StatusFold, now: string): StatusFold {
  if (fold.rank >= 1) return fold;
  const milestoneAt = { ...fold.milestoneAt, in_preparation: fold.milestoneAt.in_preparation ?? now };
  if (fold.status !== 'order_received') return { ...fold, rank: 1, milestoneAt };
  return { status: 'in_preparation', rank: 1, milestoneAt };
}
