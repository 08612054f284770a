import type { SimStatusCode } from '../../../carriers/simulator/status-map.js';
import { etaView } from '../shipment-view.js';
import type { SimEvent, SimShipment } from '../sim-types.js';
import { codeFor, eventsAt } from './format-helpers.js';

/** Shippo `status` and `substatus.code`. */
export interface ShippoCode {
  status: string;
  substatus?: string;
}

const c = (status: string, substatus?: string): ShippoCode => (substatus ? { status, substatus } : { status });

/**
 * Simulator code → Shippo. Shippo reports pickup, out-for-delivery, pickup points and attempts only as
 * substatus codes under TRANSIT/FAILURE; it has no "refused" reason, and a voided label is a FAILURE.
 */
export const SHIPPO_CODES: Readonly<Record<SimStatusCode, ShippoCode>> = {
  LC: c('PRE_TRANSIT', 'information_received'),
  PU: c('TRANSIT', 'package_accepted'),
  AR: c('TRANSIT', 'package_arrived'),
  DP: c('TRANSIT', 'package_departed'),
  IT: c('TRANSIT', 'package_processing'),
  OD: c('TRANSIT', 'out_for_delivery'),
  DA: c('FAILURE', 'delivery_attempted'),
  PK: c('TRANSIT', 'pickup_available'),
  DL: c('DELIVERED', 'delivered'),
  EX: c('FAILURE', 'other'),
  DY: c('FAILURE', 'delayed'),
  AX: c('FAILURE', 'address_issue'),
  DM: c('FAILURE', 'package_damaged'),
  RT: c('FAILURE', 'other'),
  RS: c('RETURNED', 'return_to_sender'),
  CA: c('FAILURE', 'other'),
  XX: c('UNKNOWN'),
};

function trackingStatus(event: SimEvent) {
  const code = codeFor(SHIPPO_CODES, event.code, SHIPPO_CODES.XX);
  const at = new Date(event.visibleAtMs).toISOString();
  return {
    object_created: at,
    object_updated: at,
    object_id: event.eventId,
    status: code.status,
    substatus: code.substatus ? { code: code.substatus, text: event.description, action_required: code.status === 'FAILURE' } : null,
    status_details: event.description,
    status_date: event.occurredAt,
    location: event.location
      ? { city: event.location.city, state: event.location.region ?? null, zip: event.location.postalCode ?? null, country: event.location.country }
      : null,
  };
}

/** The Shippo `Track` object (`GET /tracks/{carrier}/{n}`, webhook `data`); history oldest first. */
export function renderShippoTrack(shipment: SimShipment, nowMs: number, carrier: string) {
  const events = eventsAt(shipment, nowMs);
  const eta = etaView(shipment, events);
  const latest = events[0];
  const etaIso = eta ? `${eta.date}T${eta.windowEnd?.slice(11, 19) ?? '20:00:00'}Z` : null;
  const originalEta = shipment.eta ? new Date(shipment.eta.atMs).toISOString() : null;
  return {
    carrier,
    tracking_number: shipment.trackingNumber,
    address_from: null,
    address_to: null,
    eta: etaIso,
    original_eta: originalEta,
    servicelevel: { token: `${carrier}_ground`, name: shipment.serviceLevel ?? 'Ground' },
    metadata: shipment.orderCode ? `Order ${shipment.orderCode}` : null,
    messages: [],
    test: true,
    tracking_status: latest ? trackingStatus(latest) : null,
    tracking_history: [...events].reverse().map(trackingStatus),
    transaction: null,
  };
}

/** Shippo's answer for a number it has no data for: a Track with no status and no history (HTTP 200). */
export function renderShippoUnknown(carrier: string, trackingNumber: string) {
  return { carrier, tracking_number: trackingNumber, eta: null, original_eta: null, tracking_status: null, tracking_history: [], messages: [], test: true };
}

/** A `track_updated` webhook body. */
export function renderShippoWebhook(shipment: SimShipment, nowMs: number) {
  return { event: 'track_updated', test: true, data: renderShippoTrack(shipment, nowMs, 'shippo') };
}
