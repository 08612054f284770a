import type { IncomingWebhook, ParsedWebhook, WebhookVerification } from '../carrier-adapter.js';
import { safeEqual } from '../webhook-security/constant-time.js';
import { hmacHex } from '../webhook-security/hmac.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { mapSimWebhook } from './normalize.js';
import { simWebhookSchema } from './schemas.js';

/** Header the simulator signs with (Node lower-cases header names). */
export const SIM_SIGNATURE_HEADER = 'x-sim-signature';

/** How far a signature's timestamp may be from our receipt time: bounds how long a captured delivery replays. */
export const SIM_SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/**
 * The header value for `rawBody` signed at `unixSeconds`: `t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
 * The timestamp is inside the signed message so it cannot be swapped for a fresh one.
 */
export function simulatorSignature(secret: string, rawBody: Buffer, unixSeconds: number): string {
  const message = Buffer.concat([Buffer.from(`${unixSeconds}.`, 'utf8'), rawBody]);
  return `t=${unixSeconds},v1=${hmacHex(Buffer.from(secret, 'utf8'), message)}`;
}

function parseHeader(value: string): { t: number; v1: string[] } | undefined {
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of value.split(',')) {
    const [key, ...rest] = part.trim().split('=');
    const text = rest.join('=');
    if (key === 't' && /^\d{1,12}$/.test(text)) t = Number(text);
    // Several v1 values are allowed so a sender can sign with an old and a new secret while rotating.
    if (key === 'v1' && text) v1.push(text.toLowerCase());
  }
  return t === undefined || v1.length === 0 ? undefined : { t, v1 };
}

/**
 * Verifies `x-sim-signature` over the exact raw body: the timestamp must be within 5 minutes of receipt and one
 * `v1` must match, compared in constant time. Without a configured secret every delivery is refused. Never throws.
 */
export function verifySimulatorWebhook(webhook: IncomingWebhook, secret: string | undefined): WebhookVerification {
  if (!secret) return { ok: false, reason: 'simulator webhook secret is not configured' };
  const header = webhook.headers[SIM_SIGNATURE_HEADER];
  if (!header) return { ok: false, reason: `missing ${SIM_SIGNATURE_HEADER} header` };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: `malformed ${SIM_SIGNATURE_HEADER} header` };
  if (Math.abs(webhook.receivedAtMs - parsed.t * 1000) > SIM_SIGNATURE_TOLERANCE_MS) {
    return { ok: false, reason: 'signature timestamp outside tolerance' };
  }
  const expected = simulatorSignature(secret, webhook.rawBody, parsed.t).split('v1=')[1] ?? '';
  // Every candidate is compared (no early exit), so timing does not reveal which one matched.
  const matches = parsed.v1.map((candidate) => safeEqual(candidate, expected));
  return matches.includes(true) ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}

/**
 * Parses a verified simulator delivery. `deliveryId` is the scan's event id, so a re-sent scan is dropped as a
 * duplicate delivery. Throws `WebhookPayloadError` on a body we cannot read.
 */
export function parseSimulatorWebhook(webhook: IncomingWebhook): ParsedWebhook {
  const body = parseWithSchema(simWebhookSchema, parseJsonBody(webhook.rawBody), 'webhook');
  return { deliveryId: body.data.event.eventId, updates: [mapSimWebhook(body)] };
}
