import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { WebhookPayloadError } from '../webhook-security/errors.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { mapSimEta, mapSimEvent, mapSimTracking } from './mapper.js';
import { simBatchSchema, simTrackingSchema, simWebhookSchema, type SimWebhookWire } from './schemas.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The one update a webhook delivery carries: its single scan (when readable) and the current estimate. */
export function mapSimWebhook(webhook: SimWebhookWire): TrackingUpdate {
  const event = mapSimEvent(webhook.data.event);
  const update: TrackingUpdate = { trackingNumber: webhook.data.trackingNumber, events: event ? [event] : [] };
  const eta = mapSimEta(webhook.data.eta);
  if (eta) update.eta = eta;
  return update;
}

/**
 * Normalizes any simulator body: a tracking answer, a batch answer (unknown numbers become `notFound`), or a
 * webhook delivery. Throws `WebhookPayloadError` for non-JSON or an unrecognized shape.
 */
export function normalizeBody(body: string): TrackingUpdate[] {
  const value = parseJsonBody(body);
  if (!isRecord(value)) throw new WebhookPayloadError('expected a JSON object');
  if (Array.isArray(value.results)) {
    return parseWithSchema(simBatchSchema, value, 'batch').results.map((result) =>
      'notFound' in result && result.notFound === true
        ? { trackingNumber: result.trackingNumber, events: [], notFound: true }
        : mapSimTracking(parseWithSchema(simTrackingSchema, result, 'tracking')),
    );
  }
  if (isRecord(value.data) && 'type' in value) return [mapSimWebhook(parseWithSchema(simWebhookSchema, value, 'webhook'))];
  if ('trackingNumber' in value && 'events' in value) return [mapSimTracking(parseWithSchema(simTrackingSchema, value, 'tracking'))];
  throw new WebhookPayloadError('neither a simulator tracking answer, batch nor webhook');
}
