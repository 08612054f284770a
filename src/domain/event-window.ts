import { eventInstant, eventKey } from './event-key.js';
import { sortEvents } from './event-order.js';
import { parseInstant } from './instant.js';
import { MAX_EVENTS, type ShipmentState } from './shipment-state.js';
import { foldEvents, type StatusFold } from './status-fold.js';
import type { TrackingEvent } from './tracking-event.js';

/** The stored part of the timeline: retained events and the fold of everything before them. */
export interface EventWindow {
  events: TrackingEvent[];
  base: StatusFold;
  archivedThrough: string | null;
}

/** New events of a batch, split into those to add and those to ignore. */
export interface AdmittedEvents {
  /** New (non-duplicate) events, in timeline order. */
  accepted: TrackingEvent[];
  /** New events that cannot be placed: unparseable `occurredAt`, or at/before `archivedThrough`. */
  rejected: TrackingEvent[];
}

/**
 * De-duplicate a batch against the state (stored keys and retained events) and within itself, then sort it.
 */
export function admitEvents(state: ShipmentState, incoming: readonly TrackingEvent[]): AdmittedEvents {
  const seen = new Set([...state.eventKeys, ...state.events.map(eventKey)]);
  const floor = state.archivedThrough === null ? -Infinity : parseInstant(state.archivedThrough);
  const fresh: TrackingEvent[] = [];
  const rejected: TrackingEvent[] = [];
  for (const event of incoming) {
    const at = eventInstant(event);
    const key = eventKey(event);
    if (seen.has(key)) continue;
    seen.add(key);
    if (Number.isNaN(at) || at <= floor) rejected.push(event);
    else fresh.push(event);
  }
  return { accepted: sortEvents(fresh), rejected };
}

/** Merge new events into the timeline and fold the overflow beyond `MAX_EVENTS` into the base. */
export function mergeWindow(state: ShipmentState, accepted: readonly TrackingEvent[]): EventWindow {
  const merged = sortEvents([...state.events, ...accepted]);
  const overflow = merged.length - MAX_EVENTS;
  if (overflow <= 0) return { events: merged, base: state.base, archivedThrough: state.archivedThrough };
  const archived = merged.slice(0, overflow);
  const archivedThrough = archived[archived.length - 1]?.occurredAt ?? state.archivedThrough;
  return { events: merged.slice(overflow), base: foldEvents(state.base, archived), archivedThrough };
}
