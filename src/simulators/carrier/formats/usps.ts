import type { SimStatusCode } from '../../../carriers/simulator/status-map.js';
import { etaView } from '../shipment-view.js';
import type { SimEvent, SimShipment } from '../sim-types.js';
import { codeFor, eventsAt, localParts } from './format-helpers.js';

/** A USPS event code and the `statusCategory` it belongs to. */
export interface UspsCode {
  eventCode: string;
  category: string;
}

/**
 * Simulator code → USPS v3 `eventCode` + `statusCategory`. Only the codes observed in USPS payloads are known
 * to our USPS map (GX, 03, 10, T1, TL, OF, 01). For attempts, pickup holds, alerts and returns the simulator
 * uses placeholder codes of its own (the full list, Pub 199 Appendix G, was not retrieved), which our map does
 * not list: those scans read as `unknown` unless they are the newest, when `statusCategory` decides
 * ("Delivery Attempt", "Available for Pickup", "Alert", "Returned/Forwarded"), as it would for real USPS data.
 */
export const USPS_CODES: Readonly<Record<SimStatusCode, UspsCode>> = {
  LC: { eventCode: 'GX', category: 'Pre-Shipment' },
  PU: { eventCode: '03', category: 'Accepted' },
  AR: { eventCode: '10', category: 'In Transit' },
  DP: { eventCode: 'T1', category: 'In Transit' },
  IT: { eventCode: 'TL', category: 'In Transit' },
  OD: { eventCode: 'OF', category: 'Out for Delivery' },
  DA: { eventCode: '02', category: 'Delivery Attempt' },
  PK: { eventCode: '52', category: 'Available for Pickup' },
  DL: { eventCode: '01', category: 'Delivered' },
  EX: { eventCode: '05', category: 'Alert' },
  DY: { eventCode: '06', category: 'Alert' },
  AX: { eventCode: '21', category: 'Alert' },
  DM: { eventCode: '55', category: 'Alert' },
  RT: { eventCode: '04', category: 'Alert' },
  RS: { eventCode: '09', category: 'Returned/Forwarded' },
  CA: { eventCode: 'MA', category: 'Alert' },
  XX: { eventCode: '80', category: 'Alert' },
};

/** One `trackingEvents[]` entry: local `eventTimestamp` without zone plus `GMTTimestamp` and `GMTOffset`. */
function trackingEvent(event: SimEvent) {
  const local = localParts(event);
  return {
    eventType: event.description,
    eventTimestamp: `${local.date}T${local.time}`,
    GMTTimestamp: new Date(event.occurredAtMs).toISOString().replace('.000Z', 'Z'),
    GMTOffset: local.offset,
    eventCountry: event.location?.country ?? null,
    eventCity: event.location?.city?.toUpperCase() ?? null,
    eventState: event.location?.region ?? null,
    eventZIP: event.location?.postalCode ?? null,
    firm: null,
    name: null,
    authorizedAgent: false,
    eventCode: codeFor(USPS_CODES, event.code, USPS_CODES.XX).eventCode,
  };
}

/** `GET /tracking/v3/tracking/{n}?expand=DETAIL` body for a known shipment (events newest first). */
export function renderUspsTracking(shipment: SimShipment, nowMs: number) {
  const events = eventsAt(shipment, nowMs);
  const latest = events[0];
  const eta = etaView(shipment, events);
  const category = latest ? codeFor(USPS_CODES, latest.code, USPS_CODES.XX).category : 'Pre-Shipment';
  return {
    trackingNumber: shipment.trackingNumber,
    mailClass: 'Priority Mail',
    serviceTypeCode: '001',
    status: latest?.description ?? 'Label Created, not yet in system',
    statusCategory: category,
    statusSummary: latest ? `${latest.description}, ${latest.occurredAt}` : 'A shipping label has been prepared.',
    ...(eta
      ? eta.windowStart
        ? { predictedDeliveryDate: eta.date, predictedDeliveryWindowStartTime: eta.windowStart, predictedDeliveryWindowEndTime: eta.windowEnd }
        : { expectedDeliveryTimeStamp: `${eta.date}T20:00:00Z`, expectedDeliveryType: 'EXPECTED' }
      : {}),
    trackingEvents: events.map(trackingEvent),
  };
}

/** USPS's 404 body for an unknown number. */
export function renderUspsNotFound(trackingNumber: string) {
  return {
    apiVersion: 'v3',
    error: {
      code: '404',
      message: 'Not Found',
      errors: [{ status: '404', code: '1001', title: 'Tracking number not found', detail: `No record of ${trackingNumber}` }],
    },
  };
}
