import { fillTrackingUrl } from '../tracking-url.js';
import type { CarrierAdapter } from '../carrier-adapter.js';
import { FEDEX_MAX_BATCH, FedexClient, type FedexClientOptions, FEDEX_TRACKING_URL } from './client.js';
import { normalizeBody } from './normalize.js';

/** Options of `createFedexAdapter`: connection and credentials for the Track API. */
export type FedexAdapterOptions = FedexClientOptions;

/**
 * FedEx behind the common adapter interface: polling only (FedEx Track webhooks exist, but no payload was
 * collected to build and test a parser against), 30 numbers per Track call.
 */
export function createFedexAdapter(options: FedexAdapterOptions): CarrierAdapter {
  const client = new FedexClient(options);
  return {
    id: 'fedex',
    displayName: 'FedEx',
    capabilities: { createShipment: false, webhooks: false, tracking: true, maxBatchSize: FEDEX_MAX_BATCH },
    trackingUrl: (trackingNumber) => fillTrackingUrl(FEDEX_TRACKING_URL, trackingNumber),
    track: (trackingNumbers) => client.track(trackingNumbers),
    parseTracking: normalizeBody,
  };
}
