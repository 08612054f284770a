import { fillTrackingUrl } from '../tracking-url.js';
import type { CarrierAdapter } from '../carrier-adapter.js';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { UspsClient, type UspsClientOptions, USPS_TRACKING_URL } from './client.js';
import { normalizeBody } from './normalize.js';

/** Options of `createUspsAdapter`: connection and credentials for USPS APIs v3. */
export type UspsAdapterOptions = UspsClientOptions;

/**
 * USPS behind the common adapter interface: polling only (USPS v3 notifications are e-mail/SMS to people,
 * not webhooks), one number per call, in sequence so the rate limit and breaker see each call.
 */
export function createUspsAdapter(options: UspsAdapterOptions): CarrierAdapter {
  const client = new UspsClient(options);
  return {
    id: 'usps',
    displayName: 'USPS',
    capabilities: { createShipment: false, webhooks: false, tracking: true, maxBatchSize: 1 },
    trackingUrl: (trackingNumber) => fillTrackingUrl(USPS_TRACKING_URL, trackingNumber),
    async track(trackingNumbers) {
      const updates: TrackingUpdate[] = [];
      for (const trackingNumber of trackingNumbers) updates.push(await client.track(trackingNumber));
      return updates;
    },
    parseTracking: normalizeBody,
  };
}
