import { createHash } from 'node:crypto';
import type { SimStatusCode } from '../../../carriers/simulator/status-map.js';
import { etaView } from '../shipment-view.js';
import type { SimEvent, SimShipment } from '../sim-types.js';
import { codeFor, eventsAt } from './format-helpers.js';

/** EasyPost's `status` and `status_detail` of a tracking detail. */
export interface EasyPostCode {
  status: string;
  status_detail: string;
}

const c = (status: string, status_detail: string): EasyPostCode => ({ status, status_detail });

/**
 * Simulator code → EasyPost tracker statuses. EasyPost has no "attempted" status: a failed attempt is a
 * `failure` (our EasyPost map: exception), and a voided label is `cancelled` (exception/cancelled).
 */
export const EASYPOST_CODES: Readonly<Record<SimStatusCode, EasyPostCode>> = {
  LC: c('pre_transit', 'label_created'),
  PU: c('in_transit', 'received_at_origin_facility'),
  AR: c('in_transit', 'arrived_at_facility'),
  DP: c('in_transit', 'departed_facility'),
  IT: c('in_transit', 'status_update'),
  OD: c('out_for_delivery', 'out_for_delivery'),
  DA: c('failure', 'attempted_delivery'),
  PK: c('available_for_pickup', 'arrived_at_pickup_location'),
  DL: c('delivered', 'arrived_at_destination'),
  EX: c('failure', 'unknown'),
  DY: c('failure', 'weather_delay'),
  AX: c('failure', 'address_correction'),
  DM: c('failure', 'damaged'),
  RT: c('failure', 'refused'),
  RS: c('return_to_sender', 'return'),
  CA: c('cancelled', 'cancelled'),
  XX: c('unknown', 'unknown'),
};

/** Stable EasyPost-looking id (`trk_…`) for a shipment. */
export function easyPostTrackerId(shipment: SimShipment): string {
  return `trk_${createHash('sha256').update(shipment.trackingNumber).digest('hex').slice(0, 32)}`;
}

/** EasyPost writes scan times in UTC with `Z`. */
const utc = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function detail(event: SimEvent) {
  const code = codeFor(EASYPOST_CODES, event.code, EASYPOST_CODES.XX);
  return {
    object: 'TrackingDetail',
    message: event.description,
    description: '',
    ...code,
    datetime: utc(event.occurredAtMs),
    source: 'CarrierSimulator',
    carrier_code: event.code,
    tracking_location: {
      object: 'TrackingLocation',
      city: event.location?.city ?? null,
      state: event.location?.region ?? null,
      country: event.location?.country ?? null,
      zip: event.location?.postalCode ?? null,
    },
  };
}

/** The `Tracker` object as EasyPost's API and `tracker.*` events carry it (details oldest first). */
export function renderEasyPostTracker(shipment: SimShipment, nowMs: number) {
  const events = eventsAt(shipment, nowMs);
  const latest = events[0];
  const code = latest ? codeFor(EASYPOST_CODES, latest.code, EASYPOST_CODES.XX) : c('pre_transit', 'unknown');
  const eta = etaView(shipment, events);
  return {
    id: easyPostTrackerId(shipment),
    object: 'Tracker',
    mode: 'test',
    tracking_code: shipment.trackingNumber,
    ...code,
    created_at: utc(shipment.startAtMs),
    updated_at: utc(latest?.visibleAtMs ?? shipment.startAtMs),
    signed_by: null,
    weight: null,
    est_delivery_date: eta ? `${eta.date}T00:00:00Z` : null,
    shipment_id: null,
    carrier: 'CarrierSimulator',
    tracking_details: [...events].reverse().map(detail),
    carrier_detail: {
      object: 'CarrierDetail',
      service: shipment.serviceLevel ?? 'Ground',
      est_delivery_date_local: eta?.date ?? null,
      est_delivery_time_local: null,
    },
    public_url: `https://track.easypost.com/${encodeURIComponent(shipment.trackingNumber)}`,
    fees: [],
  };
}

/** A `tracker.updated` Event for the scan `event`; its id is stable per scan, so a re-sent scan repeats it. */
export function renderEasyPostEvent(shipment: SimShipment, event: SimEvent, nowMs: number, url: string) {
  return {
    id: `evt_${createHash('sha256').update(event.eventId).digest('hex').slice(0, 32)}`,
    object: 'Event',
    mode: 'test',
    description: 'tracker.updated',
    previous_attributes: {},
    result: renderEasyPostTracker(shipment, nowMs),
    pending_urls: [url],
    completed_urls: [],
    status: 'pending',
    created_at: utc(event.visibleAtMs),
    updated_at: utc(event.visibleAtMs),
  };
}
