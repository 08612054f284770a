import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { WebhookPayloadError } from '../webhook-security/errors.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { mapTracking } from './mapper.js';
import { afterShipApiEnvelopeSchema, afterShipTrackingSchema, afterShipWebhookSchema, type AfterShipWebhook } from './schemas.js';

/**
 * Webhook events whose `msg` is a Tracking we apply. `edd_revise` may carry no new checkpoints: its update
 * is the revised ETA. `tracking_pending_time` and unknown events are acknowledged and ignored.
 */
export const AFTERSHIP_TRACKING_EVENTS: readonly string[] = ['tracking_update', 'edd_revise'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Updates carried by a webhook envelope. */
export function mapAfterShipWebhook(envelope: AfterShipWebhook): TrackingUpdate[] {
  if (!AFTERSHIP_TRACKING_EVENTS.includes(envelope.event)) return [];
  if (!isRecord(envelope.msg)) throw new WebhookPayloadError(`${envelope.event} event has no msg object`);
  return [mapTracking(parseWithSchema(afterShipTrackingSchema, envelope.msg, 'msg'))];
}

/** Trackings inside an API `data`: the 2025-01 tracking itself, the older `{ tracking }`, or a `{ trackings }` list. */
function trackingsInData(data: unknown): unknown[] {
  if (!isRecord(data)) throw new WebhookPayloadError('API response has no data object');
  if (Array.isArray(data.trackings)) return data.trackings;
  if (isRecord(data.tracking)) return [data.tracking];
  return [data];
}

/**
 * Normalizes any AfterShip body we meet: a webhook envelope, an API `{ meta, data }` response, or a bare
 * Tracking. Throws `WebhookPayloadError` for non-JSON or an unrecognized shape.
 */
export function normalizeBody(body: string): TrackingUpdate[] {
  const value = parseJsonBody(body);
  if (!isRecord(value)) throw new WebhookPayloadError('expected a JSON object');
  if ('event' in value) return mapAfterShipWebhook(parseWithSchema(afterShipWebhookSchema, value, 'webhook'));
  if ('meta' in value) {
    const envelope = parseWithSchema(afterShipApiEnvelopeSchema, value, 'API response');
    return trackingsInData(envelope.data).map((t) => mapTracking(parseWithSchema(afterShipTrackingSchema, t, 'tracking')));
  }
  if ('tracking_number' in value) return [mapTracking(parseWithSchema(afterShipTrackingSchema, value, 'tracking'))];
  throw new WebhookPayloadError('neither an AfterShip webhook, API response nor Tracking');
}
