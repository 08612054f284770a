import { parseInstant } from '../../domain/instant.js';
import type { CarrierEta, EventLocation, TrackingEvent, TrackingUpdate } from '../../domain/tracking-event.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import { fedexTrackResponseSchema, type FedexCompleteTrackResult, type FedexScanEvent, type FedexTrackResult } from './schemas.js';
import { mapFedexStatus } from './status-map.js';

/** Per-number "unknown tracking number" answer inside an HTTP 200. */
export const FEDEX_NOT_FOUND_CODE = 'TRACKING.TRACKINGNUMBER.NOTFOUND';

const clean = (value: string | undefined): string | undefined => value?.trim() || undefined;
const isInstant = (value: string | undefined): value is string => value !== undefined && !Number.isNaN(parseInstant(value));

function location(place: FedexScanEvent['scanLocation']): EventLocation | undefined {
  const result: EventLocation = {};
  const city = clean(place?.city);
  const region = clean(place?.stateOrProvinceCode);
  const postalCode = clean(place?.postalCode);
  const country = clean(place?.countryCode);
  if (city) result.city = city;
  if (region) result.region = region;
  if (postalCode) result.postalCode = postalCode;
  if (country) result.country = country;
  return Object.keys(result).length > 0 ? result : undefined;
}

// Statuses a delay flag may qualify; a delivered, returned or cancelled parcel is no longer "late".
const DELAYABLE = new Set(['label_created', 'picked_up', 'in_transit', 'out_for_delivery', 'exception']);

/** One scan event; undefined without a readable date (FedEx sends ISO 8601 with offset, kept as given). */
export function mapScanEvent(scan: FedexScanEvent): TrackingEvent | undefined {
  const occurredAt = clean(scan.date);
  if (!isInstant(occurredAt)) return undefined;
  const mapped = mapFedexStatus({ derivedCode: scan.derivedStatusCode, eventType: scan.eventType });
  const main = clean(scan.eventDescription) ?? clean(scan.derivedStatus) ?? clean(scan.eventType) ?? 'FedEx scan';
  const why = clean(scan.exceptionDescription);
  const event: TrackingEvent = { status: mapped.status, occurredAt, description: why && why !== main ? `${main}: ${why}` : main };
  const subStatus =
    mapped.subStatus ?? (clean(scan.delayDetail?.status)?.toUpperCase() === 'DELAYED' && DELAYABLE.has(mapped.status) ? 'delayed' : undefined);
  if (subStatus) event.subStatus = subStatus;
  const where = location(scan.scanLocation);
  if (where) event.location = where;
  const code = clean(scan.eventType) ?? clean(scan.derivedStatusCode);
  const exceptionCode = clean(scan.exceptionCode);
  if (code) event.carrierCode = exceptionCode ? `${code}/${exceptionCode}` : code;
  return event;
}

/**
 * ETA: `dateAndTimes` ESTIMATED_DELIVERY, else `estimatedDeliveryTimeWindow` (its end as the date, the window
 * kept; FedEx often sends an empty `{"window":{}}`), else COMMITMENT. ACTUAL_DELIVERY is not an estimate.
 */
export function fedexEta(result: FedexTrackResult): CarrierEta | undefined {
  const at = (type: string) => result.dateAndTimes?.find((d) => clean(d.type) === type && isInstant(clean(d.dateTime)))?.dateTime?.trim();
  const window = result.estimatedDeliveryTimeWindow?.window;
  const begins = clean(window?.begins);
  const ends = clean(window?.ends);
  const withWindow = (date: string): CarrierEta => {
    const eta: CarrierEta = { date };
    if (isInstant(begins)) eta.windowStart = begins;
    if (isInstant(ends)) eta.windowEnd = ends;
    return eta;
  };
  const estimated = at('ESTIMATED_DELIVERY');
  if (estimated) return withWindow(estimated);
  if (isInstant(ends)) return withWindow(ends);
  const commitment = at('COMMITMENT');
  return commitment ? { date: commitment } : undefined;
}

function latestInstant(events: TrackingEvent[]): number {
  return Math.max(...events.map((e) => parseInstant(e.occurredAt)));
}

/**
 * One update per requested number. FedEx may answer several `trackResults` for one number (a reused
 * number): the one whose latest event is most recent wins. A result carrying an error but also scans (the
 * doc's full sample) is still read; only an error without scans counts, and NOTFOUND there means `notFound`.
 */
function mapComplete(complete: FedexCompleteTrackResult): TrackingUpdate {
  const results = complete.trackResults ?? [];
  const trackingNumber = clean(complete.trackingNumber) ?? clean(results[0]?.trackingNumberInfo?.trackingNumber) ?? '';
  const mapped = results.map((result) => ({ result, events: (result.scanEvents ?? []).flatMap((scan) => mapScanEvent(scan) ?? []) }));
  const withEvents = mapped.filter((m) => m.events.length > 0);
  const best = withEvents.reduce<(typeof mapped)[number] | undefined>(
    (winner, m) => (winner === undefined || latestInstant(m.events) > latestInstant(winner.events) ? m : winner),
    undefined,
  );
  const chosen = best ?? mapped.find((m) => !m.result.error) ?? mapped[0];
  const update: TrackingUpdate = { trackingNumber, events: chosen?.events ?? [] };
  if (best === undefined && mapped.some((m) => clean(m.result.error?.code) === FEDEX_NOT_FOUND_CODE)) update.notFound = true;
  const eta = chosen ? fedexEta(chosen.result) : undefined;
  if (eta) update.eta = eta;
  return update;
}

/**
 * Maps a FedEx Track API body to one update per `completeTrackResults` entry. A top-level error body
 * (`errors: [...]`, e.g. TRACKING.TRACKINGNUMBER.EMPTY) or a non-tracking body (proof-of-delivery documents)
 * yields no updates. Throws `WebhookPayloadError` only for non-JSON.
 */
export function mapFedexTrackResponse(body: string): TrackingUpdate[] {
  const value = parseJsonBody(body);
  const looksLikeTracking = typeof value === 'object' && value !== null && 'output' in value &&
    typeof value.output === 'object' && value.output !== null && 'completeTrackResults' in value.output;
  if (!looksLikeTracking) return [];
  return parseWithSchema(fedexTrackResponseSchema, value, 'FedEx track response').output.completeTrackResults.map(mapComplete);
}
