import type { ShipmentStatus } from '../../domain/shipment-status.js';

/**
 * USPS Web Tools TrackV2 `EventCode` → normalized status: the codes observed in the collected payloads
 * (USPS Pub 199 Appendix G-4/G-5, the full list, was not retrieved). `EF` and `OA` appear in the batch
 * sample paired with "Departed USPS Facility" / "Accepted at USPS Origin Sort Facility".
 */
export const USPS_TRACK_V2_EVENT_CODES: Readonly<Record<string, ShipmentStatus>> = {
  GX: 'label_created',
  '03': 'in_transit',
  OA: 'in_transit',
  SF: 'in_transit',
  '10': 'in_transit',
  EF: 'in_transit',
  T1: 'in_transit',
  TL: 'in_transit',
  A1: 'in_transit',
  '07': 'in_transit',
  PC: 'in_transit',
  NP: 'in_transit',
  OF: 'out_for_delivery',
  '01': 'delivered',
};

/** Maps one event code; unknown codes → `unknown` (the caller keeps the event text). Never throws. */
export function mapUspsTrackV2Event(code: string | undefined): ShipmentStatus {
  const key = code?.trim().toUpperCase() ?? '';
  return (Object.hasOwn(USPS_TRACK_V2_EVENT_CODES, key) ? USPS_TRACK_V2_EVENT_CODES[key] : undefined) ?? 'unknown';
}
