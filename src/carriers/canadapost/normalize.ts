import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { mapCanadaPostTrackingBody } from './mapper.js';

/**
 * Normalizes any documented Canada Post tracking body (`<tracking-detail>` or `<messages>` XML).
 * Without a requested PIN, updates are named after the body's `<pin>` (empty for a not-found message).
 */
export function normalizeBody(body: string): TrackingUpdate[] {
  return mapCanadaPostTrackingBody(body);
}
