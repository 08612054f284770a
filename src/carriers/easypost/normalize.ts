import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { WebhookPayloadError } from '../webhook-security/errors.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { mapTracker } from './mapper.js';
import { easyPostEventSchema, easyPostTrackerListSchema, easyPostTrackerSchema, type EasyPostEvent } from './schemas.js';

/** Event descriptions whose `result` is a Tracker; every other event is acknowledged and ignored. */
export const EASYPOST_TRACKER_EVENTS: readonly string[] = ['tracker.created', 'tracker.updated'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Updates carried by an `Event`: one for `tracker.*`, none for any other description. */
export function mapEasyPostEvent(event: EasyPostEvent): TrackingUpdate[] {
  if (!EASYPOST_TRACKER_EVENTS.includes(event.description)) return [];
  // A tracker event without its tracker is malformed (EasyPost always posts `result`); failing loudly
  // gets it retried and noticed instead of silently dropping a status change.
  if (event.result === undefined || event.result === null) {
    throw new WebhookPayloadError(`${event.description} event has no result`);
  }
  return [mapTracker(parseWithSchema(easyPostTrackerSchema, event.result, 'tracker'))];
}

/**
 * Normalizes any EasyPost body we meet: a webhook `Event` envelope, a `Tracker` (create/retrieve), or the
 * `{ trackers: [...] }` list. Throws `WebhookPayloadError` for non-JSON or an unrecognized shape.
 */
export function normalizeBody(body: string): TrackingUpdate[] {
  const value = parseJsonBody(body);
  if (!isRecord(value)) throw new WebhookPayloadError('expected a JSON object');
  if (value.object === 'Event' || ('description' in value && !('tracking_code' in value))) {
    return mapEasyPostEvent(parseWithSchema(easyPostEventSchema, value, 'event'));
  }
  if (Array.isArray(value.trackers)) {
    const list = parseWithSchema(easyPostTrackerListSchema, value, 'tracker list');
    return list.trackers.map((tracker) => mapTracker(parseWithSchema(easyPostTrackerSchema, tracker, 'tracker')));
  }
  if (value.object === 'Tracker' || 'tracking_code' in value) {
    return [mapTracker(parseWithSchema(easyPostTrackerSchema, value, 'tracker'))];
  }
  throw new WebhookPayloadError('neither an EasyPost Event nor a Tracker');
}
