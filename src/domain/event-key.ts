import { formatInstant, parseInstant } from './instant.js';
import type { EventLocation, TrackingEvent } from './tracking-event.js';

/**
 * Location as one comparable string: parts lower-cased, trimmed and whitespace-collapsed, so the same scan
 * re-reported with different casing or spacing still de-duplicates.
 */
export function normalizeLocationText(location: EventLocation | undefined): string {
  if (!location) return '';
  return [location.text, location.city, location.region, location.postalCode, location.country]
    .map((part) => (part ?? '').trim().toLowerCase().replace(/\s+/g, ' '))
    .filter((part) => part.length > 0)
    .join(',');
}

/** Epoch milliseconds of an event's `occurredAt` (NaN when it is not ISO 8601). */
export function eventInstant(event: TrackingEvent): number {
  return parseInstant(event.occurredAt);
}

/**
 * De-duplication key of a tracking event. The carrier's own event id wins when present. Otherwise the key is
 * status + the instant of `occurredAt` in UTC (webhook and poll paths may render one scan with different
 * offsets) + the normalized location. The description is left out on purpose: carriers reword it between
 * polls.
 */
export function eventKey(event: TrackingEvent): string {
  if (event.carrierEventId !== undefined && event.carrierEventId.trim() !== '') {
    return `id:${event.carrierEventId.trim()}`;
  }
  const ms = eventInstant(event);
  const when = Number.isNaN(ms) ? event.occurredAt.trim() : formatInstant(ms);
  return `ev:${event.status}|${when}|${normalizeLocationText(event.location)}`;
}
