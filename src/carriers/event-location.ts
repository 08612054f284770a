import type { EventLocation } from '../domain/tracking-event.js';

/** ISO 8601 date-time with an optional offset, as JSON carriers send it. */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Builds an EventLocation from whatever parts a carrier gave, dropping empty ones; undefined when none. */
export function eventLocation(parts: { [K in keyof EventLocation]?: string | null }): EventLocation | undefined {
  const location: EventLocation = {};
  for (const key of ['city', 'region', 'postalCode', 'country', 'text'] as const) {
    const value = parts[key];
    if (value) location[key] = value;
  }
  return Object.keys(location).length > 0 ? location : undefined;
}
