import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { mapDhlTrackingBody } from './mapper.js';

/**
 * Normalizes any documented DHL Unified tracking body (success JSON or RFC 7807 problem JSON).
 * Without a requested number, updates are named after the shipment `id` (or the problem's `instance`).
 */
export function normalizeBody(body: string): TrackingUpdate[] {
  return mapDhlTrackingBody(body);
}
