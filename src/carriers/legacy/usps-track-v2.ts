import type { EventLocation, TrackingEvent, TrackingUpdate } from '../../domain/tracking-event.js';
import { PermanentCarrierError } from '../carrier-errors.js';
import { parseXmlSafely } from '../xml/safe-xml.js';
import { usClockTo24h, usLongDateToIso } from './us-dates.js';
import { mapUspsTrackV2Event } from './usps-track-v2-status.js';
import { asArray, child, text } from './xml-values.js';

/**
 * Per-item error numbers meaning "USPS has nothing for this number": -2147219302 "could not locate the
 * tracking information" and -2147219301 "status information is not available for your item".
 */
const NOT_FOUND_ERRORS = new Set(['-2147219302', '-2147219301']);

function toLocation(node: unknown): EventLocation | undefined {
  const location: EventLocation = {};
  const city = text(node, 'EventCity');
  const region = text(node, 'EventState');
  const postalCode = text(node, 'EventZIPCode');
  const country = text(node, 'EventCountry');
  if (city) location.city = city;
  if (region) location.region = region;
  if (postalCode) location.postalCode = postalCode;
  if (country) location.country = country;
  return Object.keys(location).length > 0 ? location : undefined;
}

/**
 * One `TrackSummary`/`TrackDetail`. USPS gives local wall-clock time without a zone, so `occurredAt`
 * carries no offset (`2015-04-28T09:01:00`); events without a readable date are dropped.
 */
function toEvent(node: unknown): TrackingEvent | undefined {
  const date = usLongDateToIso(text(node, 'EventDate'));
  if (!date) return undefined;
  const time = usClockTo24h(text(node, 'EventTime'));
  const code = text(node, 'EventCode');
  const event: TrackingEvent = {
    status: mapUspsTrackV2Event(code),
    occurredAt: time ? `${date}T${time}` : date,
    description: text(node, 'Event') ?? code ?? '',
  };
  const location = toLocation(node);
  if (location) event.location = location;
  if (code) event.carrierCode = code;
  return event;
}

/** One `TrackInfo`; undefined for item errors other than not-found (e.g. -2147219303 "Duplicate"). */
function toUpdate(info: unknown): TrackingUpdate | undefined {
  const trackingNumber = text(info, '@_ID') ?? '';
  const error = child(info, 'Error');
  if (error !== undefined) {
    return NOT_FOUND_ERRORS.has(text(error, 'Number') ?? '') ? { trackingNumber, events: [], notFound: true } : undefined;
  }
  // TrackSummary is the newest event; TrackDetail lists the older ones, newest first.
  const nodes = [...asArray(child(info, 'TrackSummary')), ...asArray(child(info, 'TrackDetail'))];
  const update: TrackingUpdate = { trackingNumber, events: nodes.flatMap((node) => toEvent(node) ?? []) };
  const eta = usLongDateToIso(text(info, 'ExpectedDeliveryDate') ?? text(info, 'PredictedDeliveryDate'));
  if (eta) update.eta = { date: eta };
  return update;
}

/**
 * Maps a USPS Web Tools TrackV2 (`TrackFieldRequest`) response, one update per `TrackInfo`. A
 * request-level `<Error>` root (bad XML, test server) throws PermanentCarrierError `USPS_<Number>`.
 */
export function mapUspsTrackV2Body(body: string): TrackingUpdate[] {
  const document = parseXmlSafely(body);
  const rootError = child(document, 'Error');
  if (rootError !== undefined) {
    const number = text(rootError, 'Number') ?? 'UNKNOWN';
    throw new PermanentCarrierError(`USPS Web Tools answered error ${number}`, `USPS_${number}`);
  }
  const response = child(document, 'TrackResponse');
  if (response === undefined) throw new PermanentCarrierError('Unrecognized USPS TrackV2 body', 'USPS_UNEXPECTED_BODY');
  return asArray(child(response, 'TrackInfo')).flatMap((info) => toUpdate(info) ?? []);
}
