import type { ShipmentStatus, SubStatus } from '../../domain/shipment-status.js';

/** A normalized status with its optional reason. */
export interface CanadaPostStatus {
  status: ShipmentStatus;
  subStatus?: SubStatus;
}

/**
 * Canada Post `event-identifier` → normalized status. Only identifiers we have documented evidence for
 * (the Canada Post sample and our carrier notes) are listed; Canada Post publishes no range or keyword
 * rules we could rely on, so every other identifier maps to `unknown` and keeps its text.
 */
export const CANADA_POST_EVENT_CODES: Readonly<Record<string, CanadaPostStatus>> = {
  '1496': { status: 'delivered' },
  '0174': { status: 'out_for_delivery' },
  '0100': { status: 'in_transit' },
  // "Customer addressing error found; attempting to correct. Possible delay".
  '0173': { status: 'exception', subStatus: 'address_issue' },
  // "Signature image recorded for Online viewing" is only ever written at delivery: informational, and
  // mapping it to `delivered` (not `unknown`) keeps a late signature scan from looking like no news.
  '20': { status: 'delivered' },
};

/** Maps one event identifier (leading/trailing spaces ignored). Unknown identifiers → `unknown`; never throws. */
export function mapCanadaPostEvent(identifier: string | undefined): CanadaPostStatus {
  const code = identifier?.trim() ?? '';
  return (Object.hasOwn(CANADA_POST_EVENT_CODES, code) ? CANADA_POST_EVENT_CODES[code] : undefined) ?? { status: 'unknown' };
}
