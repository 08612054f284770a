import { parseInstant } from '../../domain/instant.js';
import type { CarrierEta, EventLocation, TrackingEvent, TrackingUpdate } from '../../domain/tracking-event.js';
import { parseWithSchema } from '../webhook-security/json-body.js';
import { uspsTrackingDetailsSchema, type UspsTrackingDetails, type UspsTrackingEvent, type UspsTrackResults } from './schemas.js';
import { mapUspsStatus } from './status-map.js';
import { uspsClock, uspsEventTime, uspsSummaryTime } from './time.js';

const clean = (value: string | undefined): string | undefined => value?.trim() || undefined;
const isInstant = (value: string | undefined): value is string => value !== undefined && !Number.isNaN(parseInstant(value));

function location(event: UspsTrackingEvent): EventLocation | undefined {
  const result: EventLocation = {};
  const [city, region, postalCode, country] = [event.eventCity, event.eventState, event.eventZIP, event.eventCountry].map(clean);
  if (city) result.city = city;
  if (region) result.region = region;
  if (postalCode) result.postalCode = postalCode;
  if (country) result.country = country;
  return Object.keys(result).length > 0 ? result : undefined;
}

/** One event; `statusCategory` is passed for the newest event only. Undefined without a readable time. */
export function mapUspsEvent(event: UspsTrackingEvent, statusCategory?: string): TrackingEvent | undefined {
  const occurredAt = uspsEventTime(event);
  if (!occurredAt) return undefined;
  const mapped = mapUspsStatus({ eventCode: event.eventCode, statusCategory });
  const code = clean(event.eventCode);
  const result: TrackingEvent = { status: mapped.status, occurredAt, description: clean(event.eventType) ?? code ?? 'USPS scan' };
  if (mapped.subStatus) result.subStatus = mapped.subStatus;
  const where = location(event);
  if (where) result.location = where;
  if (code) result.carrierCode = code;
  return result;
}

/** `predictedDeliveryWindow*Time` may be a clock time or a full date-time; either way an ISO date-time. */
function windowBound(date: string, value: string | undefined): string | undefined {
  const trimmed = clean(value);
  if (isInstant(trimmed) && trimmed.includes('T')) return trimmed;
  const clock = uspsClock(trimmed);
  return clock ? `${date}T${clock}` : undefined;
}

/**
 * ETA, first readable of: `expectedDeliveryTimeStamp`, `predictedDeliveryDate` (+ its window),
 * `guaranteedDeliveryTimeStamp`, the deprecated `predictedDeliveryTimeStamp`, then the SUMMARY form's
 * `expectedDeliveryDate` (+ `expectedDeliveryTime`) and `guaranteedDeliveryDate`.
 */
export function uspsEta(details: UspsTrackingDetails): CarrierEta | undefined {
  const expected = clean(details.expectedDeliveryTimeStamp);
  if (isInstant(expected)) return { date: expected };
  const predicted = clean(details.predictedDeliveryDate);
  if (isInstant(predicted)) {
    const eta: CarrierEta = { date: predicted };
    const start = windowBound(predicted.slice(0, 10), details.predictedDeliveryWindowStartTime);
    const end = windowBound(predicted.slice(0, 10), details.predictedDeliveryWindowEndTime);
    if (start) eta.windowStart = start;
    if (end) eta.windowEnd = end;
    return eta;
  }
  for (const value of [details.guaranteedDeliveryTimeStamp, details.predictedDeliveryTimeStamp]) {
    if (isInstant(clean(value))) return { date: clean(value)! };
  }
  const summaryDate = clean(details.expectedDeliveryDate);
  if (isInstant(summaryDate)) {
    const clock = uspsClock(details.expectedDeliveryTime);
    return { date: clock ? `${summaryDate}T${clock}` : summaryDate };
  }
  const guaranteed = clean(details.guaranteedDeliveryDate);
  return isInstant(guaranteed) ? { date: guaranteed } : undefined;
}

/** A TrackingDetails body (events newest first, as USPS sends them) → one update. */
export function mapUspsDetails(details: UspsTrackingDetails, requestedNumber?: string): TrackingUpdate {
  const events = (details.trackingEvents ?? []).flatMap(
    (event, index) => mapUspsEvent(event, index === 0 ? details.statusCategory : undefined) ?? [],
  );
  const update: TrackingUpdate = { trackingNumber: requestedNumber ?? clean(details.trackingNumber) ?? '', events };
  const eta = uspsEta(details);
  if (eta) update.eta = eta;
  return update;
}

/** A one-line summary becomes one `unknown` event: the sentence is free text, it never sets a status. */
function summaryEvent(summary: string | undefined): TrackingEvent[] {
  const sentence = clean(summary);
  const occurredAt = sentence ? uspsSummaryTime(sentence) : undefined;
  if (!sentence || !occurredAt) return [];
  const event: TrackingEvent = { status: 'unknown', occurredAt, description: sentence };
  const place = /\bin ([A-Z][A-Z .'-]*), ([A-Z]{2}) (\d{5})\b/.exec(sentence);
  if (place) event.location = { city: place[1]!, region: place[2]!, postalCode: place[3]! };
  return [event];
}

/** The README's summary form (`TrackResults.TrackInfo`, one or several) → one update per `@ID`. */
export function mapUspsTrackResults(results: UspsTrackResults, requestedNumber?: string): TrackingUpdate[] {
  const infos = Array.isArray(results.TrackResults.TrackInfo) ? results.TrackResults.TrackInfo : [results.TrackResults.TrackInfo];
  return infos.map((info) => ({ trackingNumber: requestedNumber ?? clean(info['@ID']) ?? '', events: summaryEvent(info.TrackSummary) }));
}

/** Parses and maps a TrackingDetails / TrackingSummary JSON value (already parsed). */
export function mapUspsDetailsValue(value: unknown, requestedNumber?: string): TrackingUpdate {
  const details = parseWithSchema(uspsTrackingDetailsSchema, value, 'USPS tracking response');
  const update = mapUspsDetails(details, requestedNumber);
  // The SUMMARY form lists sentences instead of events; the newest one still tells when USPS last saw it.
  if (update.events.length === 0) update.events = summaryEvent(details.eventSummaries?.[0]);
  return update;
}
