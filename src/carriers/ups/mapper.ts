import type { CarrierEta, EventLocation, TrackingEvent, TrackingUpdate } from '../../domain/tracking-event.js';
import { parseJsonBody, parseWithSchema } from '../webhook-security/json-body.js';
import {
  upsErrorResponseSchema,
  upsTrackResponseSchema,
  type UpsActivity,
  type UpsAddress,
  type UpsPackage,
  type UpsShipment,
  type UpsStatus,
} from './schemas.js';
import { mapUpsStatus, UPS_ETA_ONLY_TYPES } from './status-map.js';
import { upsDate, upsDateTime, upsTime } from './time.js';

/** UPS's "Tracking Information Not Found" warning: an answer (HTTP 200), not a failure. */
export const UPS_NOT_FOUND_WARNING = 'TW0001';

/** Audit code `type/code/statusCode` (e.g. `D/F4/011`), whatever parts UPS sent. */
export function upsCarrierCode(status: { type?: string; code?: string; statusCode?: string }): string | undefined {
  const parts = [status.type, status.code, status.statusCode].map((p) => p?.trim()).filter((p) => !!p);
  return parts.length > 0 ? parts.join('/') : undefined;
}

/** City, state, postal code and country, whichever UPS gave; undefined when it gave none. */
export function upsLocation(place: UpsAddress | undefined): EventLocation | undefined {
  const location: EventLocation = {};
  if (place?.city?.trim()) location.city = place.city.trim();
  if (place?.stateProvince?.trim()) location.region = place.stateProvince.trim();
  if (place?.postalCode?.trim()) location.postalCode = place.postalCode.trim();
  const country = place?.countryCode?.trim() || place?.country?.trim();
  if (country) location.country = country;
  return Object.keys(location).length > 0 ? location : undefined;
}

/** One normalized event from a status and its readings; undefined when UPS gave no usable date. */
export function upsEvent(
  status: UpsStatus,
  occurredAt: string | undefined,
  location: EventLocation | undefined,
): TrackingEvent | undefined {
  if (!occurredAt) return undefined;
  const mapped = mapUpsStatus(status);
  const event: TrackingEvent = {
    status: mapped.status,
    occurredAt,
    // UPS pads descriptions ("DELIVERED "); the simplified text and the code stand in when it is missing.
    description:
      status.description?.trim() || status.simplifiedTextDescription?.trim() || upsCarrierCode(status) || 'UPS status update',
  };
  if (mapped.subStatus) event.subStatus = mapped.subStatus;
  if (location) event.location = location;
  const carrierCode = upsCarrierCode(status);
  if (carrierCode) event.carrierCode = carrierCode;
  return event;
}

function mapActivity(activity: UpsActivity): TrackingEvent | undefined {
  const status = activity.status ?? {};
  if (UPS_ETA_ONLY_TYPES.includes(status.type?.trim().toUpperCase() ?? '')) return undefined;
  return upsEvent(status, upsDateTime(activity), upsLocation(activity.location?.address));
}

/**
 * ETA: the rescheduled date (RDD) wins over the scheduled one (SDD); DEL is the actual delivery, not an
 * estimate. `deliveryTime` adds a window (EDW/CDW/IDW: start–end) or a commit time (CMT: end only).
 */
export function upsPackageEta(pkg: UpsPackage): CarrierEta | undefined {
  const byType = (type: string) => pkg.deliveryDate?.find((d) => d.type?.trim().toUpperCase() === type && upsDate(d.date));
  const date = upsDate((byType('RDD') ?? byType('SDD'))?.date);
  if (!date) return undefined;
  const eta: CarrierEta = { date };
  const window = pkg.deliveryTime;
  const kind = window?.type?.trim().toUpperCase() ?? '';
  const start = upsTime(window?.startTime);
  const end = upsTime(window?.endTime);
  if (['EDW', 'CDW', 'IDW'].includes(kind) && start) eta.windowStart = `${date}T${start}`;
  if (['EDW', 'CDW', 'IDW', 'CMT'].includes(kind) && end) eta.windowEnd = `${date}T${end}`;
  return eta;
}

function mapPackage(trackingNumber: string, pkg: UpsPackage): TrackingUpdate {
  const events = (pkg.activity ?? []).flatMap((activity) => mapActivity(activity) ?? []);
  const update: TrackingUpdate = { trackingNumber, events };
  const eta = upsPackageEta(pkg);
  if (eta) update.eta = eta;
  return update;
}

function mapShipment(shipment: UpsShipment, requestedNumber: string | undefined): TrackingUpdate[] {
  const inquiry = requestedNumber ?? shipment.inquiryNumber ?? '';
  const packages = shipment.package ?? [];
  if (packages.length === 0) {
    const notFound = shipment.warnings?.some((w) => w.code?.trim() === UPS_NOT_FOUND_WARNING) ?? false;
    return [notFound ? { trackingNumber: inquiry, events: [], notFound: true } : { trackingNumber: inquiry, events: [] }];
  }
  // One package: name it after the number asked for (what the poller matches on). Several (a shipment
  // inquiry): each package under its own number.
  if (packages.length === 1) return [mapPackage(inquiry || packages[0]?.trackingNumber || '', packages[0]!)];
  return packages.map((pkg) => mapPackage(pkg.trackingNumber ?? inquiry, pkg));
}

/**
 * Maps a UPS Track API response body to updates: activities (newest first, as UPS sends them) become events,
 * `TW0001` becomes `notFound`, type-U activities only feed the ETA. An error body (`response.errors`) yields
 * no updates. Throws `WebhookPayloadError` only for non-JSON or a body that is not a track response.
 */
export function mapUpsTrackResponse(body: string, requestedNumber?: string): TrackingUpdate[] {
  const value = parseJsonBody(body);
  if (upsErrorResponseSchema.safeParse(value).success) return [];
  const parsed = parseWithSchema(upsTrackResponseSchema, value, 'UPS track response');
  return parsed.trackResponse.shipment.flatMap((shipment) => mapShipment(shipment, requestedNumber));
}
