import { createHash } from 'node:crypto';
import type { SimStatusCode } from '../../../carriers/simulator/status-map.js';
import { etaView } from '../shipment-view.js';
import type { SimEvent, SimShipment } from '../sim-types.js';
import { codeFor, eventsAt } from './format-helpers.js';

/** AfterShip delivery status `tag` and `subtag`. */
export interface AfterShipCode {
  tag: string;
  subtag: string;
}

const c = (tag: string, n: string): AfterShipCode => ({ tag, subtag: `${tag}_${n}` });

/** Simulator code → AfterShip tag/subtag (documented delivery statuses and sub-statuses). */
export const AFTERSHIP_CODES: Readonly<Record<SimStatusCode, AfterShipCode>> = {
  LC: c('InfoReceived', '001'),
  PU: c('InTransit', '002'),
  AR: c('InTransit', '003'),
  DP: c('InTransit', '007'),
  IT: c('InTransit', '001'),
  OD: c('OutForDelivery', '001'),
  DA: c('AttemptFail', '001'),
  PK: c('AvailableForPickup', '001'),
  DL: c('Delivered', '001'),
  EX: c('Exception', '001'),
  DY: c('Exception', '017'),
  AX: c('Exception', '007'),
  DM: c('Exception', '012'),
  RT: c('Exception', '003'),
  RS: c('Exception', '011'),
  CA: c('Exception', '020'),
  XX: c('Pending', '001'),
};

/** A v4-UUID-shaped id derived from `seed`: stable, so a re-sent scan carries the same `event_id`. */
export function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function checkpoint(event: SimEvent) {
  const code = codeFor(AFTERSHIP_CODES, event.code, AFTERSHIP_CODES.XX);
  return {
    checkpoint_time: event.occurredAt,
    created_at: new Date(event.visibleAtMs).toISOString(),
    message: event.description,
    ...code,
    subtag_message: event.description,
    raw_tag: event.code,
    location: event.location ? [event.location.city, event.location.region, event.location.country].filter(Boolean).join(', ') : null,
    city: event.location?.city ?? null,
    state: event.location?.region ?? null,
    postal_code: event.location?.postalCode ?? null,
    country_region: event.location?.country ?? null,
    slug: 'carrier-simulator',
  };
}

/** The AfterShip `Tracking` object (2025-01): API `data` and webhook `msg`; checkpoints oldest first. */
export function renderAfterShipTracking(shipment: SimShipment, nowMs: number) {
  const events = eventsAt(shipment, nowMs);
  const latest = events[0];
  const eta = etaView(shipment, events);
  const code = latest ? codeFor(AFTERSHIP_CODES, latest.code, AFTERSHIP_CODES.XX) : c('Pending', '001');
  return {
    id: createHash('sha256').update(`as:${shipment.trackingNumber}`).digest('hex').slice(0, 32),
    tracking_number: shipment.trackingNumber,
    slug: 'carrier-simulator',
    ...code,
    subtag_message: latest?.description ?? 'Pending',
    title: shipment.orderCode ?? shipment.trackingNumber,
    created_at: new Date(shipment.startAtMs).toISOString(),
    updated_at: new Date(latest?.visibleAtMs ?? shipment.startAtMs).toISOString(),
    latest_estimated_delivery: eta
      ? { type: eta.windowStart ? 'range' : 'specific', source: 'Carrier provided', datetime: eta.date, datetime_min: eta.windowStart ?? null, datetime_max: eta.windowEnd ?? null, revise_reason: null }
      : null,
    checkpoints: [...events].reverse().map(checkpoint),
  };
}

/** A `tracking_update` webhook for the scan `event`. */
export function renderAfterShipWebhook(shipment: SimShipment, event: SimEvent, nowMs: number) {
  return {
    event: 'tracking_update',
    event_id: stableUuid(`aftership:${event.eventId}`),
    is_tracking_first_tag: false,
    msg: renderAfterShipTracking(shipment, nowMs),
    ts: Math.floor(event.visibleAtMs / 1000),
  };
}
