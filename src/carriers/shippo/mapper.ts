import type { CarrierEta, EventLocation, TrackingEvent, TrackingUpdate } from '../../domain/tracking-event.js';
import type { ShippoTrack, ShippoTrackingStatus } from './schemas.js';
import { mapShippoStatus } from './status-map.js';
import { eventLocation, ISO_DATE_TIME } from '../event-location.js';
import { withSummaryStatus, type SummaryStatus } from '../summary-status.js';
import { underlyingCarrierId } from '../underlying-carrier.js';

// Times are kept as Shippo sent them. Statuses without a usable `status_date` are dropped: an event that
// cannot be ordered cannot move a shipment forward.

function toLocation(entry: ShippoTrackingStatus): EventLocation | undefined {
  const place = entry.location;
  return place ? eventLocation({ city: place.city, region: place.state, postalCode: place.zip, country: place.country }) : undefined;
}

/** Maps one tracking status (latest or history entry); undefined without a usable `status_date`. */
export function mapTrackingStatus(entry: ShippoTrackingStatus): TrackingEvent | undefined {
  if (!entry.status_date || !ISO_DATE_TIME.test(entry.status_date)) return undefined;
  const code = entry.substatus?.code;
  const mapped = mapShippoStatus(entry.status, code);
  const event: TrackingEvent = {
    status: mapped.status,
    occurredAt: entry.status_date,
    description: entry.status_details ?? entry.substatus?.text ?? entry.status ?? 'unknown',
  };
  if (mapped.subStatus) event.subStatus = mapped.subStatus;
  const location = toLocation(entry);
  if (location) event.location = location;
  const carrierCode = code ?? entry.status;
  if (carrierCode) event.carrierCode = carrierCode;
  if (entry.object_id) event.carrierEventId = entry.object_id;
  return event;
}

/** `eta` is the carrier's current estimate; `original_eta` stands in when the carrier withdrew it. */
export function mapTrackEta(track: ShippoTrack): CarrierEta | undefined {
  const date = track.eta ?? track.original_eta;
  return date ? { date } : undefined;
}

/** Whether the latest status is already in the history (same id, or same time and status when id-less). */
function inHistory(latest: ShippoTrackingStatus, history: ShippoTrackingStatus[]): boolean {
  return history.some((entry) =>
    latest.object_id
      ? entry.object_id === latest.object_id
      : entry.status_date === latest.status_date && entry.status === latest.status,
  );
}

/** `tracking_status` as the track's summary: its status stands even when its own date is missing or older. */
function trackSummary(latest: ShippoTrackingStatus | null | undefined): SummaryStatus | undefined {
  if (!latest?.status) return undefined;
  const code = latest.substatus?.code;
  const mapped = mapShippoStatus(latest.status, code);
  return { ...mapped, description: latest.status_details ?? latest.substatus?.text ?? latest.status, carrierCode: code ?? latest.status };
}

/**
 * Maps a Shippo Track to one update: `tracking_history` (oldest first) plus `tracking_status` when the
 * history does not hold it yet (webhooks often carry an empty history), and `tracking_status`'s status once
 * more when the history lags behind it (see `withSummaryStatus`). A track with neither is a number Shippo has
 * no data for: `notFound`. Pure, never throws.
 */
export function mapTrack(track: ShippoTrack): TrackingUpdate {
  const history = track.tracking_history ?? [];
  const latest = track.tracking_status;
  const entries = latest && !inHistory(latest, history) ? [...history, latest] : history;
  const mapped = entries.flatMap((entry) => {
    const event = mapTrackingStatus(entry);
    return event ? [event] : [];
  });
  const events = withSummaryStatus(mapped, trackSummary(latest));
  const update: TrackingUpdate = { trackingNumber: track.tracking_number, events };
  const carrierId = underlyingCarrierId(track.carrier);
  if (carrierId) update.carrierId = carrierId;
  const eta = mapTrackEta(track);
  if (eta) update.eta = eta;
  if (!latest && history.length === 0) update.notFound = true;
  return update;
}
