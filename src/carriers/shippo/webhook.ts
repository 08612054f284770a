import type { IncomingWebhook, ParsedWebhook, WebhookVerification } from '../carrier-adapter.js';
import { safeEqual } from '../webhook-security/constant-time.js';
import { isIpAllowed } from '../webhook-security/ip-allow-list.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { mapShippoWebhook, SHIPPO_TRACK_EVENT } from './normalize.js';
import { shippoTrackSchema, shippoWebhookSchema } from './schemas.js';

/**
 * Header through which the API layer hands us the webhook URL's `?token=` value. Shippo signs nothing by
 * default; the documented protection is a self-generated secret in the webhook URL, which Shippo echoes on
 * every POST. The API layer (which sees the URL) copies that query value into this header of
 * `IncomingWebhook.headers` before calling `verifyWebhook`, and must drop any client-sent header of the
 * same name first so a caller cannot supply it directly.
 */
export const SHIPPO_TOKEN_HEADER = 'x-webhook-token';

/** Shippo's documented webhook source addresses (US, then EU). */
export const SHIPPO_WEBHOOK_IPS: readonly string[] = [
  '52.4.41.98',
  '52.23.121.194',
  '52.44.110.80',
  '54.81.253.187',
  '54.81.255.221',
  '34.248.247.69',
  '34.253.119.130',
  '52.214.174.64',
  '54.72.179.250',
];

/** How Shippo deliveries are authenticated. */
export interface ShippoWebhookSecurity {
  /** The secret put in the webhook URL as `?token=…`; required unless `allowIpOnly`. */
  webhookToken?: string;
  /**
   * Source addresses to accept. With a token it is enforced only when set explicitly (behind a proxy the
   * socket address is the proxy's); in IP-only mode it defaults to {@link SHIPPO_WEBHOOK_IPS}.
   */
  ipAllowList?: string[];
  /** Opt-in to accept deliveries on the source address alone, with no token configured. */
  allowIpOnly?: boolean;
}

/**
 * Verifies a Shippo delivery. Safe default: without a configured token every delivery is refused unless the
 * operator explicitly opted into IP-only checking, because an IP list alone is spoofable behind a
 * misconfigured proxy and an empty check would accept forged statuses. Never throws.
 */
export function verifyShippoWebhook(webhook: IncomingWebhook, security: ShippoWebhookSecurity): WebhookVerification {
  const { webhookToken, ipAllowList, allowIpOnly } = security;
  if (webhookToken) {
    const received = webhook.headers[SHIPPO_TOKEN_HEADER];
    if (!received) return { ok: false, reason: 'missing webhook token' };
    if (!safeEqual(received, webhookToken)) return { ok: false, reason: 'webhook token mismatch' };
    if (ipAllowList && !isIpAllowed(webhook.remoteAddress, ipAllowList)) {
      return { ok: false, reason: 'source address not in the allow-list' };
    }
    return { ok: true };
  }
  if (!allowIpOnly) return { ok: false, reason: 'Shippo webhook token is not configured (and IP-only mode is off)' };
  const list = ipAllowList ?? [...SHIPPO_WEBHOOK_IPS];
  // An empty list means "allow all" to isIpAllowed; as the only check that would authenticate nothing.
  if (list.length === 0) return { ok: false, reason: 'IP-only mode needs a non-empty allow-list' };
  return isIpAllowed(webhook.remoteAddress, list) ? { ok: true } : { ok: false, reason: 'source address not in the allow-list' };
}

/**
 * Shippo documents no delivery id, so one is derived from what identifies a status change:
 * `tracking_status.object_id` + `status_date`. Retries of the same change then share it.
 */
function deliveryIdOf(data: unknown): string | undefined {
  const track = shippoTrackSchema.safeParse(data);
  const latest = track.success ? track.data.tracking_status : undefined;
  if (!latest?.object_id && !latest?.status_date) return undefined;
  return `${latest.object_id ?? ''}:${latest.status_date ?? ''}`;
}

/** Parses a verified Shippo webhook. Throws `WebhookPayloadError` on a body we cannot read. */
export function parseShippoWebhook(webhook: IncomingWebhook): ParsedWebhook {
  const envelope = parseWithSchema(shippoWebhookSchema, parseJsonBody(webhook.rawBody), 'webhook');
  const updates = mapShippoWebhook(envelope);
  const deliveryId = envelope.event === SHIPPO_TRACK_EVENT ? deliveryIdOf(envelope.data) : undefined;
  return deliveryId ? { deliveryId, updates } : { updates };
}
