import type { CarrierEta, EventLocation, TrackingEvent, TrackingUpdate } from '../../domain/tracking-event.js';
import type { EasyPostTracker, EasyPostTrackingDetail } from './schemas.js';
import { mapEasyPostStatus } from './status-map.js';
import { eventLocation, ISO_DATE_TIME } from '../event-location.js';
import { withSummaryStatus, type SummaryStatus } from '../summary-status.js';
import { underlyingCarrierId } from '../underlying-carrier.js';

/** A carrier-local clock time such as `14:05` (EasyPost's local ETA time). */
const LOCAL_TIME = /^\d{2}:\d{2}(:\d{2})?$/;

function toLocation(detail: EasyPostTrackingDetail): EventLocation | undefined {
  const place = detail.tracking_location;
  return place ? eventLocation({ city: place.city, region: place.state, postalCode: place.zip, country: place.country }) : undefined;
}

/**
 * Maps one `TrackingDetail`; undefined when it has no usable `datetime`. We keep exactly what EasyPost sent
 * (UTC `…Z`) and drop scans whose time we cannot read: an event that cannot be ordered cannot move a shipment.
 */
export function mapTrackingDetail(detail: EasyPostTrackingDetail): TrackingEvent | undefined {
  if (!detail.datetime || !ISO_DATE_TIME.test(detail.datetime)) return undefined;
  const mapped = mapEasyPostStatus(detail.status, detail.status_detail);
  const event: TrackingEvent = {
    status: mapped.status,
    occurredAt: detail.datetime,
    // The raw status is the last resort so an unmapped scan still says what EasyPost called it.
    description: detail.message ?? detail.description ?? detail.status_detail ?? detail.status ?? 'unknown',
  };
  if (mapped.subStatus) event.subStatus = mapped.subStatus;
  const location = toLocation(detail);
  if (location) event.location = location;
  // The underlying carrier's own code (FedEx `PU`, …) is the most useful for support; EasyPost's status
  // stands in when the carrier gave none. TrackingDetails carry no id, so there is no carrierEventId.
  const code = detail.carrier_code ?? detail.status;
  if (code) event.carrierCode = code;
  return event;
}

/**
 * The carrier's local estimate (`carrier_detail.est_delivery_date_local` + time) is what a customer was
 * promised; `est_delivery_date` is the same day rendered as UTC midnight, used only when the local one is
 * missing. `guaranteed_delivery_date` is a service commitment, not an estimate, so it is not an ETA.
 */
export function mapTrackerEta(tracker: EasyPostTracker): CarrierEta | undefined {
  const localDate = tracker.carrier_detail?.est_delivery_date_local;
  if (localDate) {
    const localTime = tracker.carrier_detail?.est_delivery_time_local;
    return { date: localTime && LOCAL_TIME.test(localTime) ? `${localDate}T${localTime}` : localDate };
  }
  return tracker.est_delivery_date ? { date: tracker.est_delivery_date } : undefined;
}

/** The tracker's own `status`, which EasyPost updates before it appends the matching scan. */
function trackerSummary(tracker: EasyPostTracker): SummaryStatus | undefined {
  if (!tracker.status) return undefined;
  const mapped = mapEasyPostStatus(tracker.status, tracker.status_detail);
  const summary: SummaryStatus = { ...mapped, description: `EasyPost tracker status: ${tracker.status}`, carrierCode: tracker.status };
  return summary;
}

/**
 * Maps an EasyPost `Tracker` to one update; scans keep EasyPost's order (oldest first), and the tracker's
 * `status` is added when the scans lag behind it (see `withSummaryStatus`). Pure, never throws.
 */
export function mapTracker(tracker: EasyPostTracker): TrackingUpdate {
  const details = (tracker.tracking_details ?? []).flatMap((detail) => {
    const event = mapTrackingDetail(detail);
    return event ? [event] : [];
  });
  const events = withSummaryStatus(details, trackerSummary(tracker));
  const update: TrackingUpdate = { trackingNumber: tracker.tracking_code, events };
  const carrierId = underlyingCarrierId(tracker.carrier);
  if (carrierId) update.carrierId = carrierId;
  const eta = mapTrackerEta(tracker);
  if (eta) update.eta = eta;
  return update;
}
