import { initialFold, type StatusFold } from './status-fold.js';
import type { Milestone, ShipmentStatus, SubStatus } from './shipment-status.js';
import type { CarrierEta, TrackingEvent } from './tracking-event.js';

/** Newest events kept in the timeline; older ones are folded into `base` and dropped (bounds history size). */
export const MAX_EVENTS = 500;
/** Newest de-duplication keys kept; twice the timeline so re-sent old scans are still recognised. */
export const MAX_EVENT_KEYS = 1000;

/** Statuses the shop (not the carrier) can set. */
export type ManualStatus = 'in_preparation' | 'cancelled';

/**
 * Everything the domain knows about one shipment. Plain JSON only: it is carried through Temporal workflow
 * history and continue-as-new. Produced by `initialShipmentState` and `applyEvents`/`applyManualStatus`;
 * never edit it by hand, because the status fields are derived from `base` + `events`.
 */
export interface ShipmentState {
  /** Displayed status. */
  status: ShipmentStatus;
  subStatus?: SubStatus;
  /** Furthest customer milestone reached. */
  milestone: Milestone;
  /** Accepted events in timeline order (instant, tie-break, key); at most `MAX_EVENTS`, the newest. */
  events: TrackingEvent[];
  /** Keys of accepted events in arrival order, at most `MAX_EVENT_KEYS`, for de-duplication. */
  eventKeys: string[];
  /** ISO `now` of the last time progress advanced (rank went up or an exception cleared); stall clock. */
  lastProgressAt: string | null;
  /** `occurredAt` of the newest accepted event. */
  lastEventAt: string | null;
  /** `occurredAt` of the delivery; present only while `status` is `delivered`. */
  deliveredAt?: string;
  carrierEta?: CarrierEta;
  /** True when cancelled, by the shop (`manualStatus`) or by a carrier `cancelled` event. */
  cancelled: boolean;

  /** Highest progress rank reached (see `progressRank`); exceptions never lower it. */
  progressRank: number;
  /** When each milestone was first reached: an event's `occurredAt`, or `now` for the order and the shop. */
  milestoneAt: Partial<Record<Milestone, string>>;
  /**
   * Last status set by the shop. `cancelled` freezes the display: later carrier events are still recorded in
   * the timeline (support wants to see a parcel that kept moving) but no longer change status, milestones
   * or the stall clock.
   */
  manualStatus?: ManualStatus;
  /** How many times the display entered `exception`; numbers the exception notifications. */
  exceptionEpisodes: number;
  /**
   * The fold before the first event of `events`: the new order (raised by a manual `in_preparation`), plus
   * every event dropped by the `MAX_EVENTS` cap. The displayed status is always `base` folded over `events`.
   */
  base: StatusFold;
  /**
   * `occurredAt` of the newest event folded into `base`, once the cap has dropped any. A new event at or
   * before it cannot be placed in order any more and is ignored.
   */
  archivedThrough: string | null;
}

/** State of a newly received order at `now`. */
export function initialShipmentState(now: string): ShipmentState {
  return {
    status: 'order_received',
    milestone: 'order_received',
    events: [],
    eventKeys: [],
    lastProgressAt: now,
    lastEventAt: null,
    cancelled: false,
    progressRank: 0,
    milestoneAt: { order_received: now },
    exceptionEpisodes: 0,
    base: initialFold(now),
    archivedThrough: null,
  };
}
