import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { WebhookPayloadError } from '../webhook-security/errors.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { mapUspsDetailsValue, mapUspsTrackResults } from './mapper.js';
import { uspsTrackResultsSchema } from './schemas.js';

const DETAIL_KEYS = ['trackingNumber', 'trackingEvents', 'statusCategory', 'eventSummaries'];

/**
 * Maps a USPS Tracking v3 body to updates, naming them after `requestedNumber` when given: TrackingDetails
 * (`expand=DETAIL`), TrackingSummary, the README's `TrackResults` summary form, or an error body
 * (`{error: …}`, API or OAuth: no updates). Throws `WebhookPayloadError` for non-JSON or another shape.
 */
export function mapUspsTrackingBody(body: string, requestedNumber?: string): TrackingUpdate[] {
  const value = parseJsonBody(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WebhookPayloadError('expected a JSON object');
  }
  if ('TrackResults' in value) {
    return mapUspsTrackResults(parseWithSchema(uspsTrackResultsSchema, value, 'USPS TrackResults'), requestedNumber);
  }
  if (DETAIL_KEYS.some((key) => key in value)) return [mapUspsDetailsValue(value, requestedNumber)];
  if ('error' in value) return [];
  throw new WebhookPayloadError('not a USPS tracking response');
}

/** Normalizes any documented USPS v3 tracking body (USPS has no tracking webhooks; see mapUspsTrackingBody). */
export function normalizeBody(body: string): TrackingUpdate[] {
  return mapUspsTrackingBody(body);
}
