import { afterShipSignature } from '../../carriers/aftership/webhook.js';
import type { CarrierId } from '../../carriers/carrier-adapter.js';
import { easyPostSignature } from '../../carriers/easypost/webhook.js';
import { simulatorSignature } from '../../carriers/simulator/webhook.js';
import { renderAfterShipWebhook } from './formats/aftership.js';
import { renderEasyPostEvent } from './formats/easypost.js';
import { renderShippoWebhook } from './formats/shippo.js';
import { renderSimEvent } from './formats/simulator.js';
import { renderUpsTrackAlert } from './formats/ups.js';
import { etaView, visibleEvents } from './shipment-view.js';
import type { WebhookDelivery } from './webhook-types.js';

/** One HTTP request ready to send. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Formats that push webhooks (FedEx, USPS, DHL and Canada Post are polled only, as our adapters are). */
export const WEBHOOK_FORMATS = ['simulator', 'easypost', 'aftership', 'shippo', 'ups'] as const satisfies readonly CarrierId[];

const JSON_HEADERS = { 'content-type': 'application/json', 'user-agent': 'CarrierSimulator-Webhooks/1.0' };

/** The simulator's own delivery: one scan plus the estimate as of now. */
function simulatorBody(delivery: WebhookDelivery, realNowMs: number): string {
  const { shipment, event, nowMs } = delivery;
  const eta = etaView(shipment, visibleEvents(shipment, nowMs));
  return JSON.stringify({
    type: 'tracking.updated',
    id: event.eventId,
    createdAt: new Date(realNowMs).toISOString(),
    data: { trackingNumber: shipment.trackingNumber, event: renderSimEvent(event), ...(eta ? { eta } : {}) },
  });
}

/**
 * Renders and signs one delivery per its format's recipe: simulator `x-sim-signature` (timestamped HMAC),
 * EasyPost `x-hmac-signature` (hex HMAC, NFKD key), AfterShip `aftership-hmac-sha256` (base64 HMAC), Shippo
 * `?token=` in the URL, UPS Track Alert `credential` header. Re-rendered per attempt so a retry carries a
 * fresh timestamp. Undefined for formats without webhooks. Without a secret the request goes out unsigned
 * (the receiver should refuse it).
 */
export function renderWebhookRequest(delivery: WebhookDelivery, realNowMs: number): WebhookRequest | undefined {
  const { target, shipment, event, nowMs } = delivery;
  const secret = target.secret;
  const sign = (header: string, value: (raw: Buffer) => string, body: string) =>
    secret ? { ...JSON_HEADERS, [header]: value(Buffer.from(body, 'utf8')) } : { ...JSON_HEADERS };
  switch (target.format) {
    case 'simulator': {
      const body = simulatorBody(delivery, realNowMs);
      const t = Math.floor(realNowMs / 1000);
      return { url: target.url, body, headers: sign('x-sim-signature', (raw) => simulatorSignature(secret ?? '', raw, t), body) };
    }
    case 'easypost': {
      const body = JSON.stringify(renderEasyPostEvent(shipment, event, nowMs, target.url));
      return { url: target.url, body, headers: sign('x-hmac-signature', (raw) => easyPostSignature(secret ?? '', raw), body) };
    }
    case 'aftership': {
      const body = JSON.stringify(renderAfterShipWebhook(shipment, event, nowMs));
      const headers = sign('aftership-hmac-sha256', (raw) => afterShipSignature(secret ?? '', raw), body);
      return { url: target.url, body, headers: { ...headers, 'as-webhook-version': '2025-01' } };
    }
    case 'shippo': {
      const url = new URL(target.url);
      if (secret) url.searchParams.set('token', secret);
      return { url: url.toString(), body: JSON.stringify(renderShippoWebhook(shipment, nowMs)), headers: { ...JSON_HEADERS } };
    }
    case 'ups': {
      const body = JSON.stringify(renderUpsTrackAlert(shipment, event, nowMs));
      const headers = { ...JSON_HEADERS, 'user-agent': 'UPSPubSubTrackingService', ...(secret ? { credential: secret } : {}) };
      return { url: target.url, body, headers };
    }
    default:
      return undefined;
  }
}
