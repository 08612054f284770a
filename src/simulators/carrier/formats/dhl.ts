import type { SimStatusCode } from '../../../carriers/simulator/status-map.js';
import { etaView } from '../shipment-view.js';
import type { SimEvent, SimLocation, SimShipment } from '../sim-types.js';
import { codeFor, eventsAt } from './format-helpers.js';

/** A DHL Unified status entry's coded part: the five-value `statusCode`, its short title, the return flag. */
export interface DhlCode {
  statusCode: 'pre-transit' | 'transit' | 'delivered' | 'failure' | 'unknown';
  status: string;
  returnFlag?: boolean;
}

/**
 * Simulator code → DHL Unified. DHL codes only five states: pickup, pickup-point holds and out-for-delivery are
 * all `transit` (the last titled "Out for delivery", which our DHL map recognizes as a documented phrase), every
 * problem including a failed attempt is `failure`, and a return is `transit` with `returnFlag`.
 */
export const DHL_CODES: Readonly<Record<SimStatusCode, DhlCode>> = {
  LC: { statusCode: 'pre-transit', status: 'Shipment information received' },
  PU: { statusCode: 'transit', status: 'Shipment picked up' },
  AR: { statusCode: 'transit', status: 'Arrived at DHL facility' },
  DP: { statusCode: 'transit', status: 'Departed DHL facility' },
  IT: { statusCode: 'transit', status: 'In transit' },
  OD: { statusCode: 'transit', status: 'Out for delivery' },
  DA: { statusCode: 'failure', status: 'Delivery attempted' },
  PK: { statusCode: 'transit', status: 'Ready for pickup at service point' },
  DL: { statusCode: 'delivered', status: 'Delivered' },
  EX: { statusCode: 'failure', status: 'Shipment on hold' },
  DY: { statusCode: 'failure', status: 'Delayed' },
  AX: { statusCode: 'failure', status: 'Address information needed' },
  DM: { statusCode: 'failure', status: 'Shipment damaged' },
  RT: { statusCode: 'failure', status: 'Refused by recipient' },
  RS: { statusCode: 'transit', status: 'Returned to shipper', returnFlag: true },
  CA: { statusCode: 'failure', status: 'Shipment cancelled' },
  XX: { statusCode: 'unknown', status: 'Status update' },
};

const address = (location: SimLocation | undefined) =>
  location ? { address: { countryCode: location.country, postalCode: location.postalCode ?? '', addressLocality: location.city } } : undefined;

function dhlEvent(event: SimEvent) {
  const code = codeFor(DHL_CODES, event.code, DHL_CODES.XX);
  const place = address(event.location);
  return {
    timestamp: event.occurredAt,
    ...(place ? { location: place } : {}),
    statusCode: code.statusCode,
    status: code.status,
    description: event.description,
    ...(code.returnFlag ? { returnFlag: true } : {}),
  };
}

/** `GET /track/shipments?trackingNumber=…` 200 body: one shipment, events newest first. */
export function renderDhlShipments(shipment: SimShipment, nowMs: number) {
  const events = eventsAt(shipment, nowMs);
  const rendered = events.map(dhlEvent);
  const eta = etaView(shipment, events);
  const first = events.at(-1);
  const last = events[0];
  return {
    shipments: [
      {
        id: shipment.trackingNumber,
        service: 'express',
        ...(first?.location ? { origin: address(first.location) } : {}),
        ...(last?.location ? { destination: address(last.location) } : {}),
        ...(rendered[0] ? { status: rendered[0] } : {}),
        ...(eta ? { estimatedTimeOfDelivery: eta.windowEnd ?? `${eta.date}T18:00:00Z` } : {}),
        ...(eta?.windowStart ? { estimatedDeliveryTimeFrame: { estimatedFrom: eta.windowStart, estimatedThrough: eta.windowEnd } } : {}),
        ...(last?.code === 'RS' ? { returnFlag: true } : {}),
        details: { product: { productName: 'DHL Parcel' }, totalNumberOfPieces: 1, pieceIds: [shipment.trackingNumber] },
        events: rendered,
      },
    ],
  };
}

/** DHL's RFC 7807 problem for an unknown number (HTTP 404). */
export function renderDhlNotFound(trackingNumber: string) {
  return {
    title: 'No result found',
    status: 404,
    detail: 'No shipment with given tracking number found.',
    instance: `/track/shipments?trackingNumber=${encodeURIComponent(trackingNumber)}`,
  };
}
