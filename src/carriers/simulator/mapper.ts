import type { CarrierEta, EventLocation, TrackingEvent, TrackingUpdate } from '../../domain/tracking-event.js';
import type { SimEventWire, SimTrackingWire } from './schemas.js';
import { mapSimulatorCode } from './status-map.js';
import { eventLocation } from '../event-location.js';

// The simulator always sends ISO 8601 with an offset; anything else is dropped rather than guessed, since an
// event that cannot be ordered cannot move a shipment forward.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function toLocation(location: SimEventWire['location']): EventLocation | undefined {
  return location ? eventLocation(location) : undefined;
}

/** Maps one simulator scan; undefined when its `occurredAt` is unreadable. The `code` decides the status. */
export function mapSimEvent(event: SimEventWire): TrackingEvent | undefined {
  if (!ISO_DATE_TIME.test(event.occurredAt)) return undefined;
  const mapped = mapSimulatorCode(event.code);
  const out: TrackingEvent = {
    status: mapped.status,
    occurredAt: event.occurredAt,
    description: event.description || event.code,
    carrierCode: event.code,
    carrierEventId: event.eventId,
  };
  if (mapped.subStatus) out.subStatus = mapped.subStatus;
  const location = toLocation(event.location);
  if (location) out.location = location;
  return out;
}

/** The carrier's estimate as given (date, optional window). */
export function mapSimEta(eta: SimTrackingWire['eta']): CarrierEta | undefined {
  if (!eta) return undefined;
  const out: CarrierEta = { date: eta.date };
  if (eta.windowStart) out.windowStart = eta.windowStart;
  if (eta.windowEnd) out.windowEnd = eta.windowEnd;
  return out;
}

/** Maps one tracking answer; scans keep the simulator's order (newest first). Pure, never throws. */
export function mapSimTracking(tracking: SimTrackingWire): TrackingUpdate {
  const events = tracking.events.flatMap((event) => {
    const mapped = mapSimEvent(event);
    return mapped ? [mapped] : [];
  });
  const update: TrackingUpdate = { trackingNumber: tracking.trackingNumber, events };
  const eta = mapSimEta(tracking.eta);
  if (eta) update.eta = eta;
  return update;
}
