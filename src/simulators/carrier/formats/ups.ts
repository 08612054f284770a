import type { SimStatusCode } from '../../../carriers/simulator/status-map.js';
import { etaView, type SimEtaView } from '../shipment-view.js';
import type { SimEvent, SimShipment } from '../sim-types.js';
import { codeFor, eventsAt, localParts, utcParts } from './format-helpers.js';

/** A UPS activity status as the Track API writes it. */
export interface UpsStatusCode {
  type: string;
  code: string;
  statusCode: string;
}

/**
 * Simulator code → UPS activity type / two-letter scan code / three-digit status code, chosen from the UPS
 * appendix so our UPS status map reads them back as the same status (e.g. X/022 is a failed attempt, I/040
 * "Ready for Customer Pickup", X/046 a delay, MV a voided label).
 */
export const UPS_CODES: Readonly<Record<SimStatusCode, UpsStatusCode>> = {
  LC: { type: 'M', code: 'MP', statusCode: '003' },
  PU: { type: 'P', code: 'PU', statusCode: '038' },
  AR: { type: 'I', code: 'AR', statusCode: '005' },
  DP: { type: 'I', code: 'DP', statusCode: '005' },
  IT: { type: 'I', code: 'IT', statusCode: '005' },
  OD: { type: 'I', code: 'OT', statusCode: '021' },
  DA: { type: 'X', code: 'U2', statusCode: '022' },
  PK: { type: 'I', code: 'AV', statusCode: '040' },
  DL: { type: 'D', code: 'FS', statusCode: '011' },
  EX: { type: 'X', code: 'X1', statusCode: '001' },
  DY: { type: 'X', code: 'X6', statusCode: '046' },
  AX: { type: 'X', code: 'X5', statusCode: '050' },
  DM: { type: 'X', code: 'X9', statusCode: '059' },
  RT: { type: 'X', code: 'X3', statusCode: '064' },
  RS: { type: 'X', code: 'RS', statusCode: '034' },
  CA: { type: 'MV', code: 'VP', statusCode: '007' },
  XX: { type: 'NA', code: 'NA', statusCode: '000' },
};
const UNKNOWN: UpsStatusCode = UPS_CODES.XX;

const compactDate = (isoDate: string) => isoDate.replace(/-/g, '');
const compactTime = (hhmmss: string) => hhmmss.replace(/:/g, '');

function upsStatus(event: SimEvent) {
  const code = codeFor(UPS_CODES, event.code, UNKNOWN);
  return { ...code, description: event.description, simplifiedTextDescription: event.description };
}

/** One `package.activity[]` entry: local date/time plus the GMT reading and offset, as UPS sends them. */
function activity(event: SimEvent) {
  const local = localParts(event);
  const gmt = utcParts(event);
  const address = event.location
    ? { city: event.location.city, stateProvince: event.location.region ?? '', postalCode: event.location.postalCode ?? '', countryCode: event.location.country, country: event.location.country }
    : {};
  return {
    location: { address, slic: '' },
    status: upsStatus(event),
    date: compactDate(local.date),
    time: compactTime(local.time),
    gmtDate: compactDate(gmt.date),
    gmtTime: gmt.time,
    gmtOffset: local.offset,
  };
}

/** `deliveryDate[]` + `deliveryTime`: SDD (+ EDW window) while on the way, DEL once delivered. */
function deliveryFields(events: SimEvent[], eta: SimEtaView | undefined) {
  const delivered = events.find((e) => e.code === 'DL');
  if (delivered) {
    const local = localParts(delivered);
    return { deliveryDate: [{ type: 'DEL', date: compactDate(local.date) }], deliveryTime: { type: 'DEL', endTime: compactTime(local.time) } };
  }
  if (!eta) return {};
  const window = eta.windowStart && eta.windowEnd
    ? { deliveryTime: { type: 'EDW', startTime: compactTime(eta.windowStart.slice(11, 19)), endTime: compactTime(eta.windowEnd.slice(11, 19)) } }
    : { deliveryTime: { type: 'EOD', endTime: '235900' } };
  return { deliveryDate: [{ type: 'SDD', date: compactDate(eta.date) }], ...window };
}

/** `GET /api/track/v1/details/{n}` 200 body for a known shipment (activities newest first). */
export function renderUpsTrack(shipment: SimShipment, nowMs: number) {
  const events = eventsAt(shipment, nowMs);
  const latest = events[0];
  const pkg = {
    trackingNumber: shipment.trackingNumber,
    ...deliveryFields(events, etaView(shipment, events)),
    ...(latest ? { currentStatus: upsStatus(latest) } : {}),
    activity: events.map(activity),
    packageCount: 1,
  };
  return { trackResponse: { shipment: [{ inquiryNumber: shipment.trackingNumber, package: [pkg] }] } };
}

/** UPS's answer for a number it does not know: HTTP 200 with warning TW0001. */
export function renderUpsNotFound(trackingNumber: string) {
  return {
    trackResponse: {
      shipment: [{ inquiryNumber: trackingNumber, warnings: [{ code: 'TW0001', message: 'Tracking Information Not Found' }] }],
    },
  };
}

/** A Track Alert message for one scan (UPS posts one JSON object per event; no history). */
export function renderUpsTrackAlert(shipment: SimShipment, event: SimEvent, nowMs: number) {
  const local = localParts(event);
  const gmt = utcParts(event);
  const status = codeFor(UPS_CODES, event.code, UNKNOWN);
  const eta = etaView(shipment, eventsAt(shipment, nowMs));
  const delivered = event.code === 'DL';
  return {
    trackingNumber: shipment.trackingNumber,
    localActivityDate: compactDate(local.date),
    localActivityTime: compactTime(local.time),
    activityLocation: event.location
      ? { city: event.location.city, stateProvince: event.location.region ?? '', postalCode: event.location.postalCode ?? '', country: event.location.country }
      : {},
    activityStatus: { type: status.type, code: status.code, description: event.description, descriptionCode: status.statusCode },
    scheduledDeliveryDate: eta ? compactDate(eta.date) : '',
    actualDeliveryDate: delivered ? compactDate(local.date) : '',
    actualDeliveryTime: delivered ? compactTime(local.time) : '',
    gmtActivityDate: compactDate(gmt.date),
    gmtActivityTime: compactTime(gmt.time),
    deliveryStartTime: eta?.windowStart ? compactTime(eta.windowStart.slice(11, 19)) : '',
    deliveryEndTime: eta?.windowEnd ? compactTime(eta.windowEnd.slice(11, 19)) : '',
    deliveryTimeDescription: eta?.windowStart ? 'estimated delivery window' : 'end of day',
  };
}
