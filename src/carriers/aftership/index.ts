export { manifest } from './manifest.js';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { fillTrackingUrl } from '../tracking-url.js';
import type { CarrierAdapter } from '../carrier-adapter.js';
import { AFTERSHIP_MAX_NUMBERS_PER_LIST, AfterShipClient, AFTERSHIP_TRACKING_URL } from './client.js';
import { mapTracking } from './mapper.js';
import { normalizeBody } from './normalize.js';
import type { AfterShipTracking } from './schemas.js';
import { parseAfterShipWebhook, verifyAfterShipWebhook } from './webhook.js';

export { AFTERSHIP_MAX_NUMBERS_PER_LIST, AfterShipClient, type AfterShipClientOptions } from './client.js';
export { mapCheckpoint, mapTracking, mapTrackingEta } from './mapper.js';
export { AFTERSHIP_TRACKING_EVENTS, mapAfterShipWebhook, normalizeBody } from './normalize.js';
export { AFTERSHIP_RATE_LIMITS } from './rate-limit.js';
export { AFTERSHIP_SUBTAGS, AFTERSHIP_TAGS, mapAfterShipTag } from './status-map.js';
export { AFTERSHIP_SIGNATURE_HEADER, afterShipSignature, parseAfterShipWebhook, verifyAfterShipWebhook } from './webhook.js';
export type { AfterShipTracking } from './schemas.js';

/** Settings for {@link createAfterShipAdapter}. */
export interface AfterShipAdapterOptions {
  /** Default `https://api.aftership.com/tracking/2025-01`. */
  baseUrl?: string;
  apiKey: string;
  /** Webhook secret from the AfterShip settings; without it every webhook is refused. */
  webhookSecret?: string;
  fetchImpl?: typeof fetch;
}

/** The AfterShip adapter plus its client, for registering trackings. */
export interface AfterShipAdapter extends CarrierAdapter {
  readonly client: AfterShipClient;
}

/** Per number, the tracking AfterShip updated last (one number can be tracked under several couriers). */
function newestByNumber(trackings: AfterShipTracking[]): Map<string, AfterShipTracking> {
  const byNumber = new Map<string, AfterShipTracking>();
  for (const tracking of trackings) {
    const current = byNumber.get(tracking.tracking_number);
    if (!current || Date.parse(tracking.updated_at ?? '') > Date.parse(current.updated_at ?? '')) {
      byNumber.set(tracking.tracking_number, tracking);
    }
  }
  return byNumber;
}

/**
 * AfterShip as a carrier: polls up to 50 numbers per list call (a number AfterShip does not track is
 * `notFound`; register it with `client.createTracking`), verifies `aftership-hmac-sha256` webhooks and maps
 * trackings.
 */
export function createAfterShipAdapter(options: AfterShipAdapterOptions): AfterShipAdapter {
  const client = new AfterShipClient(options);
  return {
    id: 'aftership',
    displayName: 'AfterShip',
    capabilities: { createShipment: false, webhooks: true, tracking: true, maxBatchSize: AFTERSHIP_MAX_NUMBERS_PER_LIST },
    client,
    trackingUrl: (trackingNumber) => fillTrackingUrl(AFTERSHIP_TRACKING_URL, trackingNumber),
    async track(trackingNumbers): Promise<TrackingUpdate[]> {
      if (trackingNumbers.length === 0) return [];
      const found = newestByNumber(await client.listTrackings(trackingNumbers));
      return trackingNumbers.map((trackingNumber) => {
        const tracking = found.get(trackingNumber);
        return tracking ? mapTracking(tracking) : { trackingNumber, events: [], notFound: true };
      });
    },
    parseTracking: normalizeBody,
    verifyWebhook: (webhook) => verifyAfterShipWebhook(webhook, options.webhookSecret),
    parseWebhook: parseAfterShipWebhook,
  };
}
