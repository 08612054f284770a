import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { WebhookPayloadError } from '../webhook-security/errors.js';
import { parseJsonBody } from '../webhook-security/json-body.js';
import { mapUpsTrackResponse } from './mapper.js';
import { parseUpsWebhook } from './webhook.js';

/**
 * Normalizes any documented UPS body: a Track API response (including the TW0001 not-found warning), an
 * error body (`response.errors`: no updates), or a Track Alert webhook message. Throws `WebhookPayloadError`
 * for non-JSON or an unrecognized shape.
 */
export function normalizeBody(body: string): TrackingUpdate[] {
  const value = parseJsonBody(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WebhookPayloadError('expected a JSON object');
  }
  if ('trackResponse' in value || 'response' in value) return mapUpsTrackResponse(body);
  if ('activityStatus' in value) return parseUpsWebhook(body).updates;
  throw new WebhookPayloadError('neither a UPS track response nor a Track Alert message');
}
