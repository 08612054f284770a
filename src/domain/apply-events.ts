import { eventKey } from './event-key.js';
import { admitEvents, mergeWindow, type AdmittedEvents, type EventWindow } from './event-window.js';
import { laterInstant } from './instant.js';
import { furthestMilestone } from './milestones.js';
import { MAX_EVENT_KEYS, type ManualStatus, type ShipmentState } from './shipment-state.js';
import { MILESTONES, type Milestone, type ShipmentStatus } from './shipment-status.js';
import { foldEvents, withPreparation } from './status-fold.js';
import type { CarrierEta, TrackingEvent } from './tracking-event.js';

/** What one reducer step did; the workflow turns it into projections, audit entries and notifications. */
export interface ApplyResult {
  state: ShipmentState;
  /** New (non-duplicate) events, in timeline order. */
  accepted: TrackingEvent[];
  /** New events ignored: `occurredAt` is not ISO 8601, or it predates the archived part of the timeline. */
  rejected: TrackingEvent[];
  from: ShipmentStatus;
  to: ShipmentStatus;
  statusChanged: boolean;
  /**
   * Milestones beyond the previous furthest one that this step reached, in timeline order. A late scan that
   * fills an earlier gap is recorded in `milestoneAt` but not listed: the customer has moved past it.
   */
  reachedMilestones: Milestone[];
  /** Whether `lastProgressAt` was advanced to `now`. */
  progressed: boolean;
}

function unchanged(state: ShipmentState, rejected: TrackingEvent[] = []): ApplyResult {
  const none = { accepted: [], reachedMilestones: [], statusChanged: false, progressed: false };
  return { state, rejected, from: state.status, to: state.status, ...none };
}

/** Build the next state from a new window and compare it with the previous one. */
function settle(
  prev: ShipmentState,
  win: EventWindow,
  admitted: AdmittedEvents,
  now: string,
  eta: CarrierEta | undefined,
  manualStatus: ManualStatus | undefined,
): ApplyResult {
  const { subStatus: _sub, deliveredAt: _delivered, ...rest } = prev;
  const carrierEta = eta ?? prev.carrierEta;
  const recorded: ShipmentState = {
    ...rest,
    ...win,
    eventKeys: [...prev.eventKeys, ...admitted.accepted.map(eventKey)].slice(-MAX_EVENT_KEYS),
    lastEventAt: win.events[win.events.length - 1]?.occurredAt ?? prev.lastEventAt,
    ...(carrierEta === undefined ? {} : { carrierEta }),
    ...(manualStatus === undefined ? {} : { manualStatus }),
  };
  const noMove = { from: prev.status, to: prev.status, statusChanged: false, reachedMilestones: [], progressed: false };
  // A shop cancellation freezes the display; events are only recorded.
  if (manualStatus === 'cancelled') return { state: { ...prev, ...recorded }, ...admitted, ...noMove };

  const fold = foldEvents(win.base, win.events);
  const exceptionCleared = prev.status === 'exception' && fold.status !== 'exception' && fold.status !== 'cancelled';
  const progressed = fold.rank > prev.progressRank || exceptionCleared;
  const state: ShipmentState = {
    ...recorded,
    status: fold.status,
    milestone: furthestMilestone(fold.milestoneAt),
    milestoneAt: fold.milestoneAt,
    progressRank: fold.rank,
    cancelled: fold.status === 'cancelled',
    lastProgressAt: progressed ? laterInstant(prev.lastProgressAt ?? now, now) : prev.lastProgressAt,
    exceptionEpisodes: prev.exceptionEpisodes + (fold.status === 'exception' && prev.status !== 'exception' ? 1 : 0),
    ...(fold.subStatus === undefined ? {} : { subStatus: fold.subStatus }),
    ...(fold.deliveredAt === undefined ? {} : { deliveredAt: fold.deliveredAt }),
  };
  const before = MILESTONES.indexOf(prev.milestone);
  const reachedMilestones = MILESTONES.filter((m, i) => i > before && fold.milestoneAt[m] !== undefined);
  const moved = { from: prev.status, to: state.status, statusChanged: prev.status !== state.status };
  return { state, ...admitted, ...moved, reachedMilestones, progressed };
}

/**
 * The reducer: add carrier events to a shipment. Duplicates (by `eventKey`, against the state and within the
 * batch) are dropped; the displayed status is the fold (`stepFold`) of all accepted events in timeline order,
 * so the result does not depend on how events were batched or in which order batches arrived. `eta`, when
 * given, replaces the carrier's estimate. Pure: `now` is only written to `lastProgressAt`.
 */
export function applyEvents(
  state: ShipmentState,
  events: readonly TrackingEvent[],
  now: string,
  eta?: CarrierEta,
): ApplyResult {
  const admitted = admitEvents(state, events);
  if (admitted.accepted.length === 0 && eta === undefined) return unchanged(state, admitted.rejected);
  return settle(state, mergeWindow(state, admitted.accepted), admitted, now, eta, state.manualStatus);
}

/**
 * Whether the shop may set a status now (for update validators): `in_preparation` only before any progress
 * and not when cancelled; `cancelled` unless already cancelled by the shop or delivered/returned.
 */
export function canApplyManualStatus(state: ShipmentState, status: ManualStatus): boolean {
  if (status === 'in_preparation') return !state.cancelled && state.progressRank < 1;
  return state.manualStatus !== 'cancelled' && state.status !== 'delivered' && state.status !== 'returned_to_sender';
}

/**
 * A status set by the shop at `now`. `in_preparation` raises the floor under every carrier event;
 * `cancelled` is final and freezes the display (see `ShipmentState.manualStatus`). A status that
 * `canApplyManualStatus` refuses is a no-op, never an error, so signal handlers can call this safely.
 */
export function applyManualStatus(state: ShipmentState, status: ManualStatus, now: string): ApplyResult {
  if (!canApplyManualStatus(state, status)) return unchanged(state);
  if (status === 'in_preparation') {
    const { events, archivedThrough } = state;
    const win = { events, base: withPreparation(state.base, now), archivedThrough };
    return settle(state, win, { accepted: [], rejected: [] }, now, undefined, 'in_preparation');
  }
  const { subStatus: _sub, deliveredAt: _delivered, ...rest } = state;
  const next: ShipmentState = { ...rest, status: 'cancelled', cancelled: true, manualStatus: 'cancelled' };
  const moved = { from: state.status, to: next.status, statusChanged: state.status !== 'cancelled' };
  return { state: next, accepted: [], rejected: [], reachedMilestones: [], progressed: false, ...moved };
}
