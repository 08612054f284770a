import type { IncomingWebhook, ParsedWebhook, WebhookVerification } from '../carrier-adapter.js';
import type { CarrierEta, TrackingUpdate } from '../../domain/tracking-event.js';
import { safeEqual } from '../webhook-security/constant-time.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { upsEvent, upsLocation } from './mapper.js';
import { upsTrackAlertSchema, type UpsTrackAlert } from './schemas.js';
import { UPS_ETA_ONLY_TYPES } from './status-map.js';
import { upsDate, upsDateTime, upsTime } from './time.js';

/**
 * Header carrying the subscriber's credential. Track Alert v1 subscriptions set `destination.credential`
 * (with `credentialType`, e.g. "Bearer") and UPS echoes the opaque string back in this header on every POST.
 * (v2 replaces it with OAuth against a token URL of ours, which this verifier does not implement.)
 */
export const UPS_CREDENTIAL_HEADER = 'credential';

function header(webhook: IncomingWebhook, name: string): string | undefined {
  const key = Object.keys(webhook.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : webhook.headers[key];
}

/**
 * Track Alert has no signature: the only proof of origin is the credential we chose at subscription time.
 * Compared in constant time (hashes of both sides) so the response time leaks neither content nor length.
 */
export function verifyUpsWebhook(webhook: IncomingWebhook, expectedCredential: string | undefined): WebhookVerification {
  if (!expectedCredential) return { ok: false, reason: 'UPS webhook credential is not configured' };
  const presented = header(webhook, UPS_CREDENTIAL_HEADER);
  if (presented === undefined) return { ok: false, reason: 'missing credential header' };
  return safeEqual(presented, expectedCredential) ? { ok: true } : { ok: false, reason: 'credential mismatch' };
}

/** Track Alert's estimate: `scheduledDeliveryDate` with the delivery window or commit time when given. */
function alertEta(alert: UpsTrackAlert): CarrierEta | undefined {
  const date = upsDate(alert.scheduledDeliveryDate);
  if (!date) return undefined;
  const eta: CarrierEta = { date };
  const start = upsTime(alert.deliveryStartTime);
  const end = upsTime(alert.deliveryEndTime);
  if (start) eta.windowStart = `${date}T${start}`;
  if (end) eta.windowEnd = `${date}T${end}`;
  return eta;
}

/** One Track Alert message → one update. Type U (new date/time, photo) moves only the ETA, no event. */
export function mapTrackAlert(alert: UpsTrackAlert): TrackingUpdate {
  const status = { ...alert.activityStatus, statusCode: alert.activityStatus.descriptionCode };
  const etaOnly = UPS_ETA_ONLY_TYPES.includes(status.type?.trim().toUpperCase() ?? '');
  const occurredAt = upsDateTime({
    date: alert.localActivityDate,
    time: alert.localActivityTime,
    gmtDate: alert.gmtActivityDate,
    gmtTime: alert.gmtActivityTime,
    gmtOffset: alert.gmtOffset,
  });
  const event = etaOnly ? undefined : upsEvent(status, occurredAt, upsLocation(alert.activityLocation));
  const update: TrackingUpdate = { trackingNumber: alert.trackingNumber, events: event ? [event] : [] };
  const eta = alertEta(alert);
  if (eta) update.eta = eta;
  return update;
}

/** Parses a Track Alert POST body; throws `WebhookPayloadError` for non-JSON or a missing number/status. */
export function parseUpsWebhook(rawBody: Buffer | string): ParsedWebhook {
  const alert = parseWithSchema(upsTrackAlertSchema, parseJsonBody(rawBody), 'UPS Track Alert event');
  // Track Alert messages carry no id; duplicates are caught downstream by the event key.
  return { updates: [mapTrackAlert(alert)] };
}
