import type { SimStatusCode } from '../../../carriers/simulator/status-map.js';
import { etaView } from '../shipment-view.js';
import { offsetOf } from '../sim-time.js';
import type { SimEvent, SimShipment } from '../sim-types.js';
import { codeFor, eventsAt, localParts } from './format-helpers.js';

/**
 * Simulator code → Canada Post `event-identifier`. Only 0100, 0174, 0173 and 1496 are documented (Canada Post's
 * sample and our notes) and known to our Canada Post map; the others are the simulator's own placeholders
 * (Canada Post publishes no full list), which read as `unknown` with their description kept, just as an
 * unlisted real identifier would.
 */
export const CANADA_POST_CODES: Readonly<Record<SimStatusCode, string>> = {
  LC: '3000',
  PU: '0500',
  AR: '0100',
  DP: '0100',
  IT: '0100',
  OD: '0174',
  DA: '0410',
  PK: '0136',
  DL: '1496',
  EX: '0170',
  DY: '0171',
  AX: '0173',
  DM: '0172',
  RT: '0411',
  RS: '0450',
  CA: '3001',
  XX: '9999',
};

/** Offsets of Canada Post's zone abbreviations (standard time; the simulator's places ignore DST). */
const ZONES: Readonly<Record<number, string>> = { [-210]: 'NST', [-240]: 'AST', [-300]: 'EST', [-360]: 'CST', [-420]: 'MST', [-480]: 'PST', 0: 'GMT' };

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function occurrence(event: SimEvent): string {
  const local = localParts(event);
  const zone = ZONES[offsetOf(event.occurredAt)] ?? local.offset;
  return [
    '    <occurrence>',
    `      <event-identifier>${codeFor(CANADA_POST_CODES, event.code, CANADA_POST_CODES.XX)}</event-identifier>`,
    `      <event-date>${local.date}</event-date>`,
    `      <event-time>${local.time}</event-time>`,
    `      <event-time-zone>${zone}</event-time-zone>`,
    `      <event-description>${escape(event.description)}</event-description>`,
    '      <signatory-name/>',
    `      <event-site>${escape(event.location?.city.toUpperCase() ?? '')}</event-site>`,
    `      <event-province>${escape(event.location?.region ?? '')}</event-province>`,
    '      <event-retail-location-id/>',
    '      <event-retail-name/>',
    '    </occurrence>',
  ].join('\n');
}

/** `GET /vis/track/pin/{pin}/detail` body (`application/vnd.cpc.track+xml`), occurrences newest first. */
export function renderCanadaPostDetail(shipment: SimShipment, nowMs: number): string {
  const events = eventsAt(shipment, nowMs);
  const eta = etaView(shipment, events);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tracking-detail xmlns="http://www.canadapost.ca/ws/track">',
    `  <pin>${escape(shipment.trackingNumber)}</pin>`,
    '  <active-exists>1</active-exists>',
    '  <archive-exists/>',
    '  <changed-expected-date/>',
    `  <expected-delivery-date>${eta?.date ?? ''}</expected-delivery-date>`,
    '  <changed-expected-delivery-reason/>',
    '  <service-name>Expedited Parcels</service-name>',
    events.length > 0 ? `  <significant-events>\n${events.map(occurrence).join('\n')}\n  </significant-events>` : '  <significant-events/>',
    '</tracking-detail>',
  ].join('\n');
}

/** Canada Post's `<messages>` body for an unknown PIN (code 004, HTTP 404). */
export function renderCanadaPostNotFound(): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<messages xmlns="http://www.canadapost.ca/ws/messages">',
    '  <message>',
    '    <code>004</code>',
    '    <description>No Pin History</description>',
    '  </message>',
    '</messages>',
  ].join('\n');
}
