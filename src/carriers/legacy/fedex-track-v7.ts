import type { EventLocation, TrackingEvent, TrackingUpdate } from '../../domain/tracking-event.js';
import { PermanentCarrierError, TransientCarrierError } from '../carrier-errors.js';
import { parseXmlSafely } from '../xml/safe-xml.js';
import { mapFedexV7Event } from './fedex-track-v7-status.js';
import { asArray, child, path, text } from './xml-values.js';

/** Per-number notification codes meaning "FedEx does not know this number": 9040 not found, 6035 invalid. */
const NOT_FOUND_CODES = new Set(['9040', '6035']);
/** Failures whose message says "Please retry later". */
const RETRY_LATER_CODES = new Set(['6330', '9045']);
const FAILING = new Set(['ERROR', 'FAILURE']);

function failure(node: unknown, notificationKey: string): string | undefined {
  const notification = asArray(child(node, notificationKey)).find((n) => FAILING.has(text(n, 'Severity') ?? ''));
  return notification === undefined ? undefined : (text(notification, 'Code') ?? 'UNKNOWN');
}

function carrierError(code: string): Error {
  const message = `FedEx Web Services answered notification ${code}`;
  return RETRY_LATER_CODES.has(code) ? new TransientCarrierError(message, `FEDEX_${code}`) : new PermanentCarrierError(message, `FEDEX_${code}`);
}

function toLocation(address: unknown): EventLocation | undefined {
  const location: EventLocation = {};
  const parts: Array<[keyof EventLocation, string]> = [['city', 'City'], ['region', 'StateOrProvinceCode'], ['postalCode', 'PostalCode'], ['country', 'CountryCode']];
  for (const [key, element] of parts) {
    const value = text(address, element);
    if (value) location[key] = value;
  }
  return Object.keys(location).length > 0 ? location : undefined;
}

/** One `Events` entry (timestamps are ISO with offset, kept as given), or `StatusDetail` as fallback. */
function toEvent(node: unknown, timeKey: string, codeKey: string, textKey: string, addressKey: string): TrackingEvent | undefined {
  const occurredAt = text(node, timeKey);
  const code = text(node, codeKey);
  if (!occurredAt || !code) return undefined;
  const mapped = mapFedexV7Event(code);
  const reason = text(node, 'StatusExceptionDescription');
  const base = text(node, textKey) ?? code;
  const event: TrackingEvent = { status: mapped.status, occurredAt, description: reason ? `${base}: ${reason}` : base };
  if (mapped.subStatus) event.subStatus = mapped.subStatus;
  const location = toLocation(child(node, addressKey));
  if (location) event.location = location;
  event.carrierCode = code;
  return event;
}

function toUpdate(detail: unknown): TrackingUpdate {
  const trackingNumber = text(detail, 'TrackingNumber') ?? '';
  const code = failure(detail, 'Notification');
  if (code !== undefined && NOT_FOUND_CODES.has(code)) return { trackingNumber, events: [], notFound: true };
  if (code !== undefined) throw carrierError(code);
  let events = asArray(child(detail, 'Events')).flatMap((e) => toEvent(e, 'Timestamp', 'EventType', 'EventDescription', 'Address') ?? []);
  if (events.length === 0) {
    const status = toEvent(child(detail, 'StatusDetail'), 'CreationTime', 'Code', 'Description', 'Location');
    events = status ? [status] : [];
  }
  const update: TrackingUpdate = { trackingNumber, events };
  const eta = text(detail, 'EstimatedDeliveryTimestamp');
  if (eta) update.eta = { date: eta };
  return update;
}

const newest = (u: TrackingUpdate) => Math.max(Number.NEGATIVE_INFINITY, ...u.events.map((e) => Date.parse(e.occurredAt)).filter((t) => !Number.isNaN(t)));

/**
 * Maps a FedEx Web Services Track v7 `TrackReply` (bare or inside a SOAP envelope). Several
 * `TrackDetails` for one number (FedEx reuses numbers) collapse to the one with the most recent event;
 * notifications 9040/6035 give `notFound`; other failures throw (6330/9045 "retry later" as transient).
 */
export function mapFedexTrackV7Body(body: string): TrackingUpdate[] {
  const document = parseXmlSafely(body);
  const reply = child(document, 'TrackReply') ?? path(document, 'Envelope', 'Body', 'TrackReply');
  if (reply === undefined) throw new PermanentCarrierError('Unrecognized FedEx TrackReply body', 'FEDEX_UNEXPECTED_BODY');
  const top = failure(reply, 'Notifications');
  if (top !== undefined) throw carrierError(top);
  const byNumber = new Map<string, TrackingUpdate>();
  for (const completed of asArray(child(reply, 'CompletedTrackDetails'))) {
    const code = failure(completed, 'Notifications');
    if (code !== undefined) throw carrierError(code);
    for (const detail of asArray(child(completed, 'TrackDetails'))) {
      const update = toUpdate(detail);
      const previous = byNumber.get(update.trackingNumber);
      if (!previous || newest(update) > newest(previous)) byNumber.set(update.trackingNumber, update);
    }
  }
  return [...byNumber.values()];
}
