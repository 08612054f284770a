export { manifest } from './manifest.js';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { fillTrackingUrl } from '../tracking-url.js';
import type { CarrierAdapter } from '../carrier-adapter.js';
import { EasyPostClient, EASYPOST_TRACKING_URL } from './client.js';
import { mapTracker } from './mapper.js';
import { normalizeBody } from './normalize.js';
import type { EasyPostTracker } from './schemas.js';
import { parseEasyPostWebhook, verifyEasyPostWebhook } from './webhook.js';

export { EasyPostClient, type EasyPostClientOptions } from './client.js';
export { mapTracker, mapTrackerEta, mapTrackingDetail } from './mapper.js';
export { mapEasyPostEvent, normalizeBody, EASYPOST_TRACKER_EVENTS } from './normalize.js';
export { EASYPOST_DETAIL_SUB_STATUS, EASYPOST_STATUSES, mapEasyPostStatus } from './status-map.js';
export { EASYPOST_SIGNATURE_HEADER, easyPostSignature, parseEasyPostWebhook, verifyEasyPostWebhook } from './webhook.js';
export type { EasyPostTracker } from './schemas.js';

/** Settings for {@link createEasyPostAdapter}. */
export interface EasyPostAdapterOptions {
  /** Default `https://api.easypost.com`. */
  baseUrl?: string;
  apiKey: string;
  /** Webhook secret set in the EasyPost dashboard; without it every webhook is refused. */
  webhookSecret?: string;
  fetchImpl?: typeof fetch;
}

/** The EasyPost adapter plus its client, for registering trackers. */
export interface EasyPostAdapter extends CarrierAdapter {
  readonly client: EasyPostClient;
}

/** The tracker EasyPost updated last: the one a re-tracked code is really following now. */
function newest(trackers: EasyPostTracker[]): EasyPostTracker | undefined {
  return trackers.reduce<EasyPostTracker | undefined>(
    (best, t) => (best === undefined || Date.parse(t.updated_at ?? '') > Date.parse(best.updated_at ?? '') ? t : best),
    undefined,
  );
}

/**
 * EasyPost as a carrier: polls by listing the trackers of a code (a code with no tracker is `notFound`;
 * register it with `client.createTracker`), verifies `X-Hmac-Signature` webhooks and maps trackers.
 */
export function createEasyPostAdapter(options: EasyPostAdapterOptions): EasyPostAdapter {
  const client = new EasyPostClient(options);
  return {
    id: 'easypost',
    displayName: 'EasyPost',
    capabilities: { createShipment: false, webhooks: true, tracking: true, maxBatchSize: 1 },
    client,
    trackingUrl: (trackingNumber) => fillTrackingUrl(EASYPOST_TRACKING_URL, trackingNumber),
    async track(trackingNumbers): Promise<TrackingUpdate[]> {
      const updates: TrackingUpdate[] = [];
      for (const trackingNumber of trackingNumbers) {
        const tracker = newest(await client.listTrackers(trackingNumber));
        updates.push(tracker ? mapTracker(tracker) : { trackingNumber, events: [], notFound: true });
      }
      return updates;
    },
    parseTracking: normalizeBody,
    verifyWebhook: (webhook) => verifyEasyPostWebhook(webhook, options.webhookSecret),
    parseWebhook: parseEasyPostWebhook,
  };
}
