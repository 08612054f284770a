import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { mapFedexTrackResponse } from './mapper.js';

/**
 * Normalizes any documented FedEx Track API body: a tracking answer (one update per requested number, with
 * `notFound` for TRACKING.TRACKINGNUMBER.NOTFOUND), an error body or another Track endpoint's answer (no
 * updates). FedEx Track webhooks exist but no payload was collected, so none is read here.
 * Throws `WebhookPayloadError` for non-JSON.
 */
export function normalizeBody(body: string): TrackingUpdate[] {
  return mapFedexTrackResponse(body);
}
