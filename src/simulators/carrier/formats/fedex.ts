import type { SimStatusCode } from '../../../carriers/simulator/status-map.js';
import { etaView } from '../shipment-view.js';
import type { SimEvent, SimShipment } from '../sim-types.js';
import { codeFor, eventsAt } from './format-helpers.js';

/** A FedEx scan's raw event code, derived code and derived text, plus an exception code when it is one. */
export interface FedexCode {
  eventType: string;
  derivedStatusCode: string;
  derivedStatus: string;
  exceptionCode?: string;
}

const c = (eventType: string, derivedStatusCode: string, derivedStatus: string, exceptionCode?: string): FedexCode =>
  exceptionCode ? { eventType, derivedStatusCode, derivedStatus, exceptionCode } : { eventType, derivedStatusCode, derivedStatus };

/**
 * Simulator code → FedEx Track API codes (status_codes.tsv). FedEx has no "attempted" event of its own: a
 * failed attempt is DE "Delivery exception" (our FedEx map reads it as an exception), and reasons other than
 * delay and clearance are only in the exception text.
 */
export const FEDEX_CODES: Readonly<Record<SimStatusCode, FedexCode>> = {
  LC: c('OC', 'IN', 'Initiated'),
  PU: c('PU', 'PU', 'Picked up'),
  AR: c('AR', 'IT', 'In transit'),
  DP: c('DP', 'IT', 'In transit'),
  IT: c('IT', 'IT', 'In transit'),
  OD: c('OD', 'OD', 'On FedEx vehicle for delivery'),
  DA: c('DE', 'DE', 'Delivery exception', '08'),
  PK: c('HP', 'HP', 'Ready for recipient pickup'),
  DL: c('DL', 'DL', 'Delivered'),
  EX: c('SE', 'SE', 'Shipment exception'),
  DY: c('DY', 'DY', 'Delay', '71'),
  AX: c('DE', 'DE', 'Delivery exception', '03'),
  DM: c('SE', 'SE', 'Shipment exception', '83'),
  RT: c('DE', 'DE', 'Delivery exception', '07'),
  RS: c('RS', 'RS', 'Return to shipper'),
  CA: c('CA', 'CA', 'Shipment cancelled'),
  XX: c('RR', 'RR', 'Delivery option requested'),
};

function scanEvent(event: SimEvent) {
  const code = codeFor(FEDEX_CODES, event.code, FEDEX_CODES.XX);
  return {
    date: event.occurredAt,
    eventType: code.eventType,
    eventDescription: event.description,
    exceptionCode: code.exceptionCode ?? '',
    exceptionDescription: code.exceptionCode ? event.description : '',
    scanLocation: event.location
      ? {
          streetLines: [''],
          city: event.location.city,
          stateOrProvinceCode: event.location.region ?? '',
          postalCode: event.location.postalCode ?? '',
          countryCode: event.location.country,
          residential: false,
        }
      : {},
    locationType: 'FEDEX_FACILITY',
    derivedStatusCode: code.derivedStatusCode,
    derivedStatus: code.derivedStatus,
  };
}

/** One `completeTrackResults[]` entry for a known shipment: scans newest first, estimate and window. */
export function renderFedexResult(shipment: SimShipment, nowMs: number) {
  const events = eventsAt(shipment, nowMs);
  const latest = events[0];
  const eta = etaView(shipment, events);
  const delivered = events.find((e) => e.code === 'DL');
  const dateAndTimes = [
    ...(eta ? [{ type: 'ESTIMATED_DELIVERY', dateTime: eta.windowEnd ?? `${eta.date}T00:00:00Z` }] : []),
    ...(delivered ? [{ type: 'ACTUAL_DELIVERY', dateTime: delivered.occurredAt }] : []),
  ];
  const latestCode = latest ? codeFor(FEDEX_CODES, latest.code, FEDEX_CODES.XX) : undefined;
  const result = {
    trackingNumberInfo: { trackingNumber: shipment.trackingNumber, carrierCode: 'FDXG', trackingNumberUniqueId: `sim~${shipment.trackingNumber}~FDEG` },
    ...(latest && latestCode
      ? { latestStatusDetail: { code: latestCode.eventType, derivedCode: latestCode.derivedStatusCode, statusByLocale: latestCode.derivedStatus, description: latest.description } }
      : {}),
    dateAndTimes,
    estimatedDeliveryTimeWindow: { window: eta?.windowStart ? { begins: eta.windowStart, ends: eta.windowEnd } : {} },
    scanEvents: events.map(scanEvent),
  };
  return { trackingNumber: shipment.trackingNumber, trackResults: [result] };
}

/** The per-number "not found" result FedEx puts inside an HTTP 200. */
export function renderFedexNotFound(trackingNumber: string) {
  return {
    trackingNumber,
    trackResults: [
      {
        trackingNumberInfo: { trackingNumber, carrierCode: '', trackingNumberUniqueId: '' },
        error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found. Please correct the tracking number and try again.' },
      },
    ],
  };
}

/** The whole `POST /track/v1/trackingnumbers` body. */
export function renderFedexResponse(results: unknown[], transactionId: string) {
  return { transactionId, customerTransactionId: transactionId, output: { completeTrackResults: results } };
}
