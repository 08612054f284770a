import { eventInstant, eventKey } from './event-key.js';
import { tieBreakOrder } from './status-rank.js';
import type { TrackingEvent } from './tracking-event.js';

interface Decorated {
  event: TrackingEvent;
  at: number;
  tie: number;
  key: string;
}

function decorate(event: TrackingEvent): Decorated {
  return { event, at: eventInstant(event), tie: tieBreakOrder(event.status), key: eventKey(event) };
}

function compareDecorated(a: Decorated, b: Decorated): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.tie !== b.tie) return a.tie - b.tie;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Total order of the timeline: instant of `occurredAt`, then the status tie-break order, then the
 * de-duplication key. Being total over distinct keys is what makes the status fold independent of arrival
 * order. Callers pass only events whose `occurredAt` parses.
 */
export function compareEvents(a: TrackingEvent, b: TrackingEvent): number {
  return compareDecorated(decorate(a), decorate(b));
}

/** A new array of the events in timeline order (keys and instants computed once per event). */
export function sortEvents(events: readonly TrackingEvent[]): TrackingEvent[] {
  return events
    .map(decorate)
    .sort(compareDecorated)
    .map((d) => d.event);
}
