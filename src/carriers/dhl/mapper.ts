import type { CarrierEta, EventLocation, TrackingEvent, TrackingUpdate } from '../../domain/tracking-event.js';
import { PermanentCarrierError } from '../carrier-errors.js';
import { mapDhlProblem } from './problem.js';
import {
  dhlEventSchema,
  dhlShipmentSchema,
  dhlTrackResponseSchema,
  type DhlEvent,
  type DhlShipment,
} from './schemas.js';
import { DHL_OFD_HEURISTIC_MARK, mapDhlStatus } from './status-map.js';

// ISO 8601 date or date-time, offset optional: DHL sends both `…Z` and local times without offset
// (the doc sample has one of each), and we keep whichever we got rather than invent a zone.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function toLocation(event: DhlEvent): EventLocation | undefined {
  const address = event.location?.address;
  const location: EventLocation = {};
  const city = present(address?.addressLocality);
  const postalCode = present(address?.postalCode);
  const country = present(address?.countryCode);
  if (city) location.city = city;
  if (postalCode) location.postalCode = postalCode;
  if (country) location.country = country;
  return Object.keys(location).length > 0 ? location : undefined;
}

/** Maps one DHL status entry; entries without a usable timestamp are dropped (they cannot be ordered). */
function toEvent(event: DhlEvent, forceReturn: boolean): TrackingEvent | undefined {
  const occurredAt = present(event.timestamp);
  if (!occurredAt || !ISO_TIMESTAMP.test(occurredAt)) return undefined;
  const texts = [event.description, event.statusDetailed, event.status];
  const decision = mapDhlStatus({ statusCode: event.statusCode, returnFlag: event.returnFlag || forceReturn, texts });
  const code = present(event.statusCode);
  const result: TrackingEvent = {
    status: decision.status,
    occurredAt,
    // `description` is the long text in every division; `status` is a short title, kept as fallback.
    description: present(event.description) ?? present(event.statusDetailed) ?? present(event.status) ?? code ?? '',
  };
  if (decision.subStatus) result.subStatus = decision.subStatus;
  const location = toLocation(event);
  if (location) result.location = location;
  if (code) result.carrierCode = decision.heuristic ? `${code}${DHL_OFD_HEURISTIC_MARK}` : code;
  return result;
}

function toEta(shipment: DhlShipment): CarrierEta | undefined {
  const frame = shipment.estimatedDeliveryTimeFrame;
  const date = present(shipment.estimatedTimeOfDelivery) ?? present(frame?.estimatedThrough);
  if (!date) return undefined;
  const eta: CarrierEta = { date };
  const from = present(frame?.estimatedFrom);
  const through = present(frame?.estimatedThrough);
  if (from) eta.windowStart = from;
  if (through) eta.windowEnd = through;
  return eta;
}

function latestIndex(events: TrackingEvent[]): number {
  let best = 0;
  events.forEach((event, index) => {
    const bestEvent = events[best];
    if (bestEvent && Date.parse(event.occurredAt) > Date.parse(bestEvent.occurredAt)) best = index;
  });
  return best;
}

function toUpdate(shipment: DhlShipment, requestedNumber: string | undefined): TrackingUpdate {
  const raw = (shipment.events ?? []).flatMap((e) => {
    const parsed = dhlEventSchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
  // With no event history, the shipment's `status` is the one event we know of.
  const entries = raw.length > 0 ? raw : shipment.status ? [shipment.status] : [];
  const mapped = entries.flatMap((entry) => {
    const event = toEvent(entry, false);
    return event ? [{ entry, event }] : [];
  });
  const events = mapped.map((pair) => pair.event);
  if (shipment.returnFlag === true && events.length > 0) {
    // A shipment-level returnFlag describes the current state, i.e. the newest event only.
    const newest = latestIndex(events);
    const pair = mapped[newest];
    const flagged = pair ? toEvent(pair.entry, true) : undefined;
    if (flagged) events[newest] = flagged;
  }
  const update: TrackingUpdate = { trackingNumber: requestedNumber ?? shipment.id, events };
  const eta = toEta(shipment);
  if (eta) update.eta = eta;
  return update;
}

function latestMs(update: TrackingUpdate): number {
  const times = update.events.map((e) => Date.parse(e.occurredAt)).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? Math.max(...times) : Number.NEGATIVE_INFINITY;
}

/**
 * Maps a DHL Unified tracking body (success JSON or RFC 7807 problem) to updates. A 404 problem
 * ("No result found") yields `notFound: true`. When several shipments answer for one number (other DHL
 * divisions), the one whose latest event is most recent wins. `requestedNumber` names the updates after
 * the number we asked for; without it the shipment `id` (or the problem's `instance`) is used.
 *
 * @throws PermanentCarrierError / TransientCarrierError for bodies that are neither (or other problems).
 */
export function mapDhlTrackingBody(body: string, requestedNumber?: string): TrackingUpdate[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new PermanentCarrierError('DHL answered with a body that is not JSON', 'DHL_UNEXPECTED_BODY');
  }
  const success = dhlTrackResponseSchema.safeParse(json);
  if (!success.success) return [mapDhlProblem(json, requestedNumber)];
  const byNumber = new Map<string, TrackingUpdate>();
  for (const item of success.data.shipments) {
    const shipment = dhlShipmentSchema.safeParse(item);
    if (!shipment.success) continue;
    const update = toUpdate(shipment.data, requestedNumber);
    const previous = byNumber.get(update.trackingNumber);
    if (!previous || latestMs(update) > latestMs(previous)) byNumber.set(update.trackingNumber, update);
  }
  // An empty list for a number we asked about means the same as DHL's 404.
  if (byNumber.size === 0 && requestedNumber !== undefined) {
    return [{ trackingNumber: requestedNumber, events: [], notFound: true }];
  }
  return [...byNumber.values()];
}
