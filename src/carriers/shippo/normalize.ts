import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { WebhookPayloadError } from '../webhook-security/errors.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { mapTrack } from './mapper.js';
import { shippoTrackSchema, shippoWebhookSchema, type ShippoWebhook } from './schemas.js';

/** The one webhook event that carries a Track; transaction and batch events are acknowledged and ignored. */
export const SHIPPO_TRACK_EVENT = 'track_updated';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Updates carried by a webhook envelope. */
export function mapShippoWebhook(envelope: ShippoWebhook): TrackingUpdate[] {
  if (envelope.event !== SHIPPO_TRACK_EVENT) return [];
  if (!isRecord(envelope.data)) throw new WebhookPayloadError(`${envelope.event} event has no data object`);
  return [mapTrack(parseWithSchema(shippoTrackSchema, envelope.data, 'data'))];
}

/**
 * Normalizes any Shippo body we meet: a webhook envelope or a Track from the API. Throws
 * `WebhookPayloadError` for non-JSON or an unrecognized shape.
 */
export function normalizeBody(body: string): TrackingUpdate[] {
  const value = parseJsonBody(body);
  if (!isRecord(value)) throw new WebhookPayloadError('expected a JSON object');
  if ('event' in value) return mapShippoWebhook(parseWithSchema(shippoWebhookSchema, value, 'webhook'));
  if ('tracking_number' in value) return [mapTrack(parseWithSchema(shippoTrackSchema, value, 'track'))];
  throw new WebhookPayloadError('neither a Shippo webhook nor a Track');
}
