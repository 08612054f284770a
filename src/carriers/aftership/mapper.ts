import type { CarrierEta, EventLocation, TrackingEvent, TrackingUpdate } from '../../domain/tracking-event.js';
import type { AfterShipCheckpoint, AfterShipTracking } from './schemas.js';
import { mapAfterShipTag } from './status-map.js';
import { withSummaryStatus, type SummaryStatus } from '../summary-status.js';
import { underlyingCarrierId } from '../underlying-carrier.js';

// ISO 8601 date-time, offset optional: AfterShip's `checkpoint_time` is the carrier's local time and often
// has no offset (`2021-01-14T00:52:00`); we keep it as given rather than invent a zone, and drop
// checkpoints whose time we cannot read (they cannot be ordered).
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function toLocation(checkpoint: AfterShipCheckpoint): EventLocation | undefined {
  const location: EventLocation = {};
  if (checkpoint.city) location.city = checkpoint.city;
  if (checkpoint.state) location.region = checkpoint.state;
  const postalCode = checkpoint.postal_code ?? checkpoint.zip;
  if (postalCode) location.postalCode = postalCode;
  const country = checkpoint.country_region ?? checkpoint.country_iso3;
  if (country) location.country = country;
  // The free-text `location` is only worth keeping when AfterShip gave no structured parts.
  if (Object.keys(location).length === 0 && checkpoint.location) location.text = checkpoint.location;
  return Object.keys(location).length > 0 ? location : undefined;
}

/** Maps one checkpoint; undefined when it has no usable `checkpoint_time`. */
export function mapCheckpoint(checkpoint: AfterShipCheckpoint): TrackingEvent | undefined {
  const time = checkpoint.checkpoint_time;
  if (!time || !ISO_DATE_TIME.test(time)) return undefined;
  const mapped = mapAfterShipTag(checkpoint.tag, checkpoint.subtag);
  const event: TrackingEvent = {
    status: mapped.status,
    occurredAt: time,
    description: checkpoint.message ?? checkpoint.subtag_message ?? checkpoint.tag ?? 'unknown',
  };
  if (mapped.subStatus) event.subStatus = mapped.subStatus;
  const location = toLocation(checkpoint);
  if (location) event.location = location;
  // The carrier's raw status when AfterShip passes it on, else AfterShip's own code. Checkpoints have no id.
  const code = checkpoint.raw_tag ?? checkpoint.subtag ?? checkpoint.tag;
  if (code) event.carrierCode = code;
  return event;
}

function specific(date: string | undefined, min: string | undefined, max: string | undefined): CarrierEta | undefined {
  const best = date ?? max ?? min;
  if (!best) return undefined;
  const eta: CarrierEta = { date: best };
  if (min) eta.windowStart = min;
  if (max) eta.windowEnd = max;
  return eta;
}

/**
 * ETA precedence: `latest_estimated_delivery` (AfterShip's current pick across sources), then the
 * courier's own date, then AfterShip's prediction, then the first estimate ever given, then the legacy
 * `expected_delivery`. Ranges become a window with the latest day as the date a customer can count on.
 */
export function mapTrackingEta(tracking: AfterShipTracking): CarrierEta | undefined {
  const latest = tracking.latest_estimated_delivery;
  const courier = tracking.courier_estimated_delivery_date;
  const predicted = tracking.aftership_estimated_delivery_date;
  const first = tracking.first_estimated_delivery;
  return (
    specific(latest?.datetime, latest?.datetime_min, latest?.datetime_max) ??
    specific(courier?.estimated_delivery_date, courier?.estimated_delivery_date_min, courier?.estimated_delivery_date_max) ??
    specific(predicted?.estimated_delivery_date, predicted?.estimated_delivery_date_min, predicted?.estimated_delivery_date_max) ??
    specific(first?.datetime, first?.datetime_min, first?.datetime_max) ??
    specific(tracking.expected_delivery, undefined, undefined)
  );
}

/** The tracking's own `tag` (+ `subtag`), which AfterShip may move before the checkpoint list catches up. */
function trackingSummary(tracking: AfterShipTracking): SummaryStatus | undefined {
  if (!tracking.tag) return undefined;
  const mapped = mapAfterShipTag(tracking.tag, tracking.subtag);
  return { ...mapped, description: tracking.subtag_message ?? tracking.tag, carrierCode: tracking.subtag ?? tracking.tag };
}

/**
 * Maps an AfterShip Tracking to one update; checkpoints keep AfterShip's order (oldest first), and the
 * tracking's `tag` is added when the checkpoints lag behind it (see `withSummaryStatus`). Pure.
 */
export function mapTracking(tracking: AfterShipTracking): TrackingUpdate {
  const checkpoints = (tracking.checkpoints ?? []).flatMap((checkpoint) => {
    const event = mapCheckpoint(checkpoint);
    return event ? [event] : [];
  });
  const events = withSummaryStatus(checkpoints, trackingSummary(tracking));
  const update: TrackingUpdate = { trackingNumber: tracking.tracking_number, events };
  const carrierId = underlyingCarrierId(tracking.slug);
  if (carrierId) update.carrierId = carrierId;
  const eta = mapTrackingEta(tracking);
  if (eta) update.eta = eta;
  return update;
}
