import type { IncomingWebhook, ParsedWebhook, WebhookVerification } from '../carrier-adapter.js';
import { safeEqual } from '../webhook-security/constant-time.js';
import { hmacBase64 } from '../webhook-security/hmac.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { mapAfterShipWebhook } from './normalize.js';
import { afterShipWebhookSchema } from './schemas.js';

/** Header AfterShip Tracking signs with (Node lower-cases header names). */
export const AFTERSHIP_SIGNATURE_HEADER = 'aftership-hmac-sha256';

/** The header value AfterShip would send: base64 HMAC-SHA256 keyed with the secret's UTF-8 bytes. */
export function afterShipSignature(secret: string, rawBody: Buffer): string {
  return hmacBase64(Buffer.from(secret, 'utf8'), rawBody);
}

/**
 * Verifies `aftership-hmac-sha256` over the exact raw body, in constant time. AfterShip signs no timestamp,
 * so there is no replay window here: duplicates are dropped by `event_id` downstream. Without a configured
 * secret every delivery is refused. Never throws.
 */
export function verifyAfterShipWebhook(webhook: IncomingWebhook, secret: string | undefined): WebhookVerification {
  if (!secret) return { ok: false, reason: 'AfterShip webhook secret is not configured' };
  const received = webhook.headers[AFTERSHIP_SIGNATURE_HEADER];
  if (!received) return { ok: false, reason: `missing ${AFTERSHIP_SIGNATURE_HEADER} header` };
  // Base64 is case-sensitive, so unlike hex nothing is normalized beyond surrounding whitespace.
  if (!safeEqual(received.trim(), afterShipSignature(secret, webhook.rawBody))) {
    return { ok: false, reason: 'signature mismatch' };
  }
  return { ok: true };
}

/**
 * Parses a verified AfterShip webhook. `deliveryId` is `event_id` (AfterShip's idempotency key, the same on
 * each of its up to 14 retries). Throws `WebhookPayloadError` on a body we cannot read.
 */
export function parseAfterShipWebhook(webhook: IncomingWebhook): ParsedWebhook {
  const envelope = parseWithSchema(afterShipWebhookSchema, parseJsonBody(webhook.rawBody), 'webhook');
  const updates = mapAfterShipWebhook(envelope);
  return envelope.event_id ? { deliveryId: envelope.event_id, updates } : { updates };
}
