import type { IncomingWebhook, ParsedWebhook, WebhookVerification } from '../carrier-adapter.js';
import { safeEqual } from '../webhook-security/constant-time.js';
import { hmacHex } from '../webhook-security/hmac.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { mapEasyPostEvent } from './normalize.js';
import { easyPostEventSchema } from './schemas.js';

/** Header EasyPost signs with (Node lower-cases header names). */
export const EASYPOST_SIGNATURE_HEADER = 'x-hmac-signature';
const PREFIX = 'hmac-sha256-hex=';

/** The header value EasyPost would send for `rawBody` under `secret`. */
export function easyPostSignature(secret: string, rawBody: Buffer): string {
  // EasyPost keys the HMAC with the NFKD form of the secret: a secret typed as `sécret` (precomposed é)
  // only matches once decomposed, as their fixture proves.
  return PREFIX + hmacHex(Buffer.from(secret.normalize('NFKD'), 'utf8'), rawBody);
}

/**
 * Verifies `X-Hmac-Signature: hmac-sha256-hex=<hex>` over the exact raw body, in constant time. Without a
 * configured secret every delivery is refused: an unauthenticated endpoint would accept forged statuses.
 * Never throws.
 */
export function verifyEasyPostWebhook(webhook: IncomingWebhook, secret: string | undefined): WebhookVerification {
  if (!secret) return { ok: false, reason: 'EasyPost webhook secret is not configured' };
  const received = webhook.headers[EASYPOST_SIGNATURE_HEADER];
  if (!received) return { ok: false, reason: `missing ${EASYPOST_SIGNATURE_HEADER} header` };
  // EasyPost sends lowercase hex; lower-casing what we got only forgives case, never a wrong digest.
  if (!safeEqual(received.trim().toLowerCase(), easyPostSignature(secret, webhook.rawBody))) {
    return { ok: false, reason: 'signature mismatch' };
  }
  return { ok: true };
}

/**
 * Parses a verified EasyPost `Event`. `deliveryId` is the event id (`evt_…`), stable across EasyPost's
 * retries. `tracker.created`/`tracker.updated` give one update; other events give none (acknowledged,
 * ignored). Throws `WebhookPayloadError` on a body we cannot read.
 */
export function parseEasyPostWebhook(webhook: IncomingWebhook): ParsedWebhook {
  const event = parseWithSchema(easyPostEventSchema, parseJsonBody(webhook.rawBody), 'event');
  const updates = mapEasyPostEvent(event);
  return event.id ? { deliveryId: event.id, updates } : { updates };
}
