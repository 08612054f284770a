export { manifest } from './manifest.js';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { PermanentCarrierError } from '../carrier-errors.js';
import { fillTrackingUrl } from '../tracking-url.js';
import type { CarrierAdapter } from '../carrier-adapter.js';
import { detectShippoCarrier } from './carrier-token.js';
import { ShippoClient, SHIPPO_TRACKING_URL } from './client.js';
import { mapTrack } from './mapper.js';
import { normalizeBody } from './normalize.js';
import { parseShippoWebhook, verifyShippoWebhook } from './webhook.js';

export { ShippoClient, type ShippoClientOptions } from './client.js';
export { detectShippoCarrier } from './carrier-token.js';
export { mapTrack, mapTrackEta, mapTrackingStatus } from './mapper.js';
export { mapShippoWebhook, normalizeBody, SHIPPO_TRACK_EVENT } from './normalize.js';
export { SHIPPO_STATUSES, SHIPPO_SUBSTATUS_REASONS, SHIPPO_SUBSTATUS_STEPS, mapShippoStatus } from './status-map.js';
export {
  SHIPPO_TOKEN_HEADER,
  SHIPPO_WEBHOOK_IPS,
  parseShippoWebhook,
  verifyShippoWebhook,
  type ShippoWebhookSecurity,
} from './webhook.js';
export type { ShippoTrack } from './schemas.js';

/** Settings for {@link createShippoAdapter}. */
export interface ShippoAdapterOptions {
  /** Default `https://api.goshippo.com`. */
  baseUrl?: string;
  apiToken: string;
  /** Secret put in the webhook URL as `?token=…`; required unless `allowIpOnly`. */
  webhookToken?: string;
  /** Source addresses to accept (defaults to Shippo's documented IPs in IP-only mode). */
  ipAllowList?: string[];
  /** Accept webhooks on the source address alone when no token is configured. Off by default. */
  allowIpOnly?: boolean;
  /** Shippo carrier token for a number (polling needs it); defaults to {@link detectShippoCarrier}. */
  resolveCarrier?: (trackingNumber: string) => string | undefined;
  fetchImpl?: typeof fetch;
}

/** The Shippo adapter plus its client, for registering tracks. */
export interface ShippoAdapter extends CarrierAdapter {
  readonly client: ShippoClient;
}

/**
 * Shippo as a carrier: polls `GET /tracks/{carrier}/{number}`, verifies webhooks by URL token (and
 * optionally source IP) and maps tracks.
 */
export function createShippoAdapter(options: ShippoAdapterOptions): ShippoAdapter {
  const client = new ShippoClient(options);
  const resolveCarrier = options.resolveCarrier ?? detectShippoCarrier;
  const security = { webhookToken: options.webhookToken, ipAllowList: options.ipAllowList, allowIpOnly: options.allowIpOnly };
  return {
    id: 'shippo',
    displayName: 'Shippo',
    capabilities: { createShipment: false, webhooks: true, tracking: true, maxBatchSize: 1 },
    client,
    trackingUrl: (trackingNumber) => fillTrackingUrl(SHIPPO_TRACKING_URL, trackingNumber),
    async track(trackingNumbers): Promise<TrackingUpdate[]> {
      const updates: TrackingUpdate[] = [];
      for (const trackingNumber of trackingNumbers) {
        const carrier = resolveCarrier(trackingNumber);
        if (!carrier) {
          throw new PermanentCarrierError('shippo needs the carrier of this tracking number to look it up', 'CARRIER_REQUIRED');
        }
        updates.push(mapTrack(await client.getTrack(carrier, trackingNumber)));
      }
      return updates;
    },
    parseTracking: normalizeBody,
    verifyWebhook: (webhook) => verifyShippoWebhook(webhook, security),
    parseWebhook: parseShippoWebhook,
  };
}
