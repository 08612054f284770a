export { manifest } from './manifest.js';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { fillTrackingUrl } from '../tracking-url.js';
import type { CarrierAdapter } from '../carrier-adapter.js';
import { DhlClient, type DhlClientOptions, DHL_TRACKING_URL } from './client.js';
import { normalizeBody } from './normalize.js';

export { DhlClient, DHL_DEFAULT_BASE_URL, DHL_DEFAULT_RATE_LIMIT, type DhlClientOptions } from './client.js';
export { mapDhlTrackingBody } from './mapper.js';
export { normalizeBody } from './normalize.js';
export { DHL_STATUS_CODES, DHL_OFD_HEURISTIC_MARK, mapDhlStatus } from './status-map.js';

/** Options of {@link createDhlAdapter}. */
export interface DhlAdapterOptions {
  /** Defaults to `https://api-eu.dhl.com`. */
  baseUrl?: string;
  /** DHL developer-portal API key, sent as `DHL-API-Key`. */
  apiKey: string;
  fetchImpl?: typeof fetch;
  /** DHL division to ask (`express`, `parcel-de`, …); omitted = let DHL pick. */
  service?: string;
}

/**
 * DHL Shipment Tracking – Unified as a {@link CarrierAdapter}: tracking only (no webhooks, no label
 * creation through this API), one number per call, client-side limit 1 call/s (250 calls/day quota).
 */
export function createDhlAdapter(options: DhlAdapterOptions): CarrierAdapter {
  const clientOptions: DhlClientOptions = { apiKey: options.apiKey };
  if (options.baseUrl !== undefined) clientOptions.baseUrl = options.baseUrl;
  if (options.fetchImpl !== undefined) clientOptions.fetchImpl = options.fetchImpl;
  if (options.service !== undefined) clientOptions.service = options.service;
  const client = new DhlClient(clientOptions);
  return {
    id: 'dhl',
    displayName: 'DHL',
    capabilities: { createShipment: false, webhooks: false, tracking: true, maxBatchSize: 1 },
    trackingUrl: (trackingNumber) => fillTrackingUrl(DHL_TRACKING_URL, trackingNumber),
    async track(trackingNumbers: string[]): Promise<TrackingUpdate[]> {
      // Sequential on purpose: DHL allows one call per second, so parallel calls would only queue.
      const updates: TrackingUpdate[] = [];
      for (const trackingNumber of trackingNumbers) updates.push(...(await client.track(trackingNumber)));
      return updates;
    },
    parseTracking: normalizeBody,
  };
}
