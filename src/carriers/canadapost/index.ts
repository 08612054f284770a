export { manifest } from './manifest.js';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { fillTrackingUrl } from '../tracking-url.js';
import type { CarrierAdapter } from '../carrier-adapter.js';
import { CanadaPostClient, type CanadaPostClientOptions, CANADA_POST_TRACKING_URL } from './client.js';
import { normalizeBody } from './normalize.js';

export {
  CanadaPostClient,
  CANADA_POST_DEFAULT_BASE_URL,
  CANADA_POST_TRACK_MEDIA_TYPE,
  type CanadaPostClientOptions,
} from './client.js';
export { CANADA_POST_NOT_FOUND_CODE, mapCanadaPostTrackingBody } from './mapper.js';
export { normalizeBody } from './normalize.js';
export { CANADA_POST_EVENT_CODES, mapCanadaPostEvent } from './status-map.js';
export { CANADA_POST_TIME_ZONES, canadaPostTimestamp } from './time.js';

/** Options of {@link createCanadaPostAdapter}. */
export interface CanadaPostAdapterOptions {
  /** Defaults to `https://soa-gw.canadapost.ca` (sandbox: `https://ct.soa-gw.canadapost.ca`). */
  baseUrl?: string;
  /** API key username and password, sent as HTTP Basic. */
  username: string;
  password: string;
  fetchImpl?: typeof fetch;
}

/**
 * Canada Post tracking (REST answering XML) as a {@link CarrierAdapter}: tracking only, one PIN per call
 * (`/detail` takes a single PIN), no webhooks.
 */
export function createCanadaPostAdapter(options: CanadaPostAdapterOptions): CarrierAdapter {
  const clientOptions: CanadaPostClientOptions = { username: options.username, password: options.password };
  if (options.baseUrl !== undefined) clientOptions.baseUrl = options.baseUrl;
  if (options.fetchImpl !== undefined) clientOptions.fetchImpl = options.fetchImpl;
  const client = new CanadaPostClient(clientOptions);
  return {
    id: 'canadapost',
    displayName: 'Canada Post',
    capabilities: { createShipment: false, webhooks: false, tracking: true, maxBatchSize: 1 },
    trackingUrl: (pin) => fillTrackingUrl(CANADA_POST_TRACKING_URL, pin),
    async track(pins: string[]): Promise<TrackingUpdate[]> {
      // Sequential: callers should send one PIN (maxBatchSize 1); more are tolerated, not fanned out.
      const updates: TrackingUpdate[] = [];
      for (const pin of pins) updates.push(...(await client.track(pin)));
      return updates;
    },
    parseTracking: normalizeBody,
  };
}
