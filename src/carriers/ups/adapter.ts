import { fillTrackingUrl } from '../tracking-url.js';
import type { CarrierAdapter } from '../carrier-adapter.js';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { UpsClient, type UpsClientOptions, UPS_TRACKING_URL } from './client.js';
import { normalizeBody } from './normalize.js';
import { parseUpsWebhook, verifyUpsWebhook } from './webhook.js';

/** Everything `createUpsAdapter` needs: the client's options plus the Track Alert credential. */
export interface UpsAdapterOptions extends UpsClientOptions {
  /**
   * The opaque `credential` given to Track Alert at subscription time; UPS sends it back in the `credential`
   * header. Without it every webhook is refused (there is no other way to tell UPS from anyone else).
   */
  webhookCredential?: string;
}

/**
 * UPS behind the common adapter interface: polling through the Track API (one number per call, in sequence
 * so the rate limit and breaker see each call) and pushes through Track Alert.
 */
export function createUpsAdapter(options: UpsAdapterOptions): CarrierAdapter {
  const client = new UpsClient(options);
  return {
    id: 'ups',
    displayName: 'UPS',
    capabilities: { createShipment: false, webhooks: true, tracking: true, maxBatchSize: 1 },
    trackingUrl: (trackingNumber) => fillTrackingUrl(UPS_TRACKING_URL, trackingNumber),
    async track(trackingNumbers) {
      const updates: TrackingUpdate[] = [];
      for (const trackingNumber of trackingNumbers) updates.push(await client.track(trackingNumber));
      return updates;
    },
    parseTracking: normalizeBody,
    verifyWebhook: (webhook) => verifyUpsWebhook(webhook, options.webhookCredential),
    parseWebhook: (webhook) => parseUpsWebhook(webhook.rawBody),
  };
}
