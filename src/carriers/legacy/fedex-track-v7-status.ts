import type { ShipmentStatus, SubStatus } from '../../domain/shipment-status.js';

/** A normalized status with its optional reason. */
export interface FedexLegacyStatus {
  status: ShipmentStatus;
  subStatus?: SubStatus;
}

const IN_TRANSIT = ['PU', 'PX', 'IT', 'IX', 'AR', 'AF', 'DP', 'LO', 'OF', 'FD', 'SF', 'AA', 'PL', 'PF', 'EA', 'EO', 'EP', 'TR', 'CH', 'AO', 'AX', 'AC', 'CC', 'CP'];

/**
 * FedEx Web Services `EventType` / `StatusDetail.Code` → normalized status, from FedEx's status-code list
 * (the same two-letter codes as the REST Track API). Note `OF` is "at FedEx origin facility", not
 * out-for-delivery. Delays are `exception/delayed` (one policy for every FedEx path).
 */
export const FEDEX_V7_EVENT_CODES: Readonly<Record<string, FedexLegacyStatus>> = {
  OC: { status: 'label_created' },
  ...Object.fromEntries(IN_TRANSIT.map((code) => [code, { status: 'in_transit' as const }])),
  OD: { status: 'out_for_delivery' },
  ED: { status: 'out_for_delivery' },
  AD: { status: 'out_for_delivery' },
  HL: { status: 'available_for_pickup' },
  HP: { status: 'available_for_pickup' },
  DL: { status: 'delivered' },
  DE: { status: 'exception' },
  SE: { status: 'exception' },
  CD: { status: 'exception', subStatus: 'customs_hold' },
  DY: { status: 'exception', subStatus: 'delayed' },
  DD: { status: 'exception', subStatus: 'delayed' },
  PD: { status: 'exception', subStatus: 'delayed' },
  CA: { status: 'exception', subStatus: 'cancelled' },
  RS: { status: 'returned_to_sender' },
};

/** Maps one code; unknown codes → `unknown` (the caller keeps the event text). Never throws. */
export function mapFedexV7Event(code: string | undefined): FedexLegacyStatus {
  const key = code?.trim().toUpperCase() ?? '';
  return (Object.hasOwn(FEDEX_V7_EVENT_CODES, key) ? FEDEX_V7_EVENT_CODES[key] : undefined) ?? { status: 'unknown' };
}
