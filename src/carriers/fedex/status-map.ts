import type { ShipmentStatus, SubStatus } from '../../domain/shipment-status.js';

/** A normalized status with its optional reason. */
export interface FedexMappedStatus {
  status: ShipmentStatus;
  subStatus?: SubStatus;
}

const s = (status: ShipmentStatus, subStatus?: SubStatus): FedexMappedStatus => (subStatus ? { status, subStatus } : { status });
const IN_TRANSIT = s('in_transit');
const INFORMATIONAL = s('unknown');
const DELAYED = s('exception', 'delayed');

/**
 * FedEx event codes (status_codes.tsv, Movement and Regulatory groups; `eventType` and `latestStatusDetail.code`)
 * plus the derived codes FedEx sends in `derivedStatusCode`/`derivedCode` (IN initiated, RL running late) and
 * AE "Shipment arriving early" (observed). Choices:
 * - AP "At Pickup" and EP "Enroute to Pickup" happen before FedEx has the parcel: `label_created`, not
 *   in transit, so nobody is told "shipped" while it still sits at the shipper.
 * - PU/PX are our `picked_up`; HL/HP (hold at location, ready for recipient pickup) `available_for_pickup`.
 * - CA "Shipment Cancelled" is our `cancelled`; RS "Return to Shipper" `returned_to_sender`.
 * - Delays (DY, DD, PD, RL) are `exception`/`delayed`, the same policy as UPS type-X delays.
 * - CD "Clearance Delay" is `exception`/`customs_hold`; CC and CP (clearance done / in progress) move on.
 * - Return-label link events (RP, LP, RG, RD) and delivery-option requests (RR, RM, RC) say nothing about
 *   where this parcel is: `unknown`, which never changes the displayed status.
 */
export const FEDEX_STATUS_CODES: Readonly<Record<string, FedexMappedStatus>> = {
  OC: s('label_created'),
  IN: s('label_created'),
  OX: s('label_created'),
  AP: s('label_created'),
  EP: s('label_created'),
  PU: s('picked_up'),
  PX: s('picked_up'),
  ...Object.fromEntries(
    'AA AC AE AF AO AR AX CH DP DR DS EA EO FD IT IX LO OF OW PF PL PM SF SP TR CC CP'.split(' ').map((c) => [c, IN_TRANSIT]),
  ),
  OD: s('out_for_delivery'),
  ED: s('out_for_delivery'),
  AD: s('out_for_delivery'),
  HL: s('available_for_pickup'),
  HP: s('available_for_pickup'),
  DL: s('delivered'),
  DE: s('exception'),
  SE: s('exception'),
  CD: s('exception', 'customs_hold'),
  DY: DELAYED,
  DD: DELAYED,
  PD: DELAYED,
  RL: DELAYED,
  CA: s('cancelled'),
  RS: s('returned_to_sender'),
  ...Object.fromEntries('RP LP RG RD RR RM RC'.split(' ').map((c) => [c, INFORMATIONAL])),
};

function lookup(code: string | undefined): FedexMappedStatus | undefined {
  // The status page spells one code "Ow"; codes are compared case-insensitively.
  const key = code?.trim().toUpperCase() ?? '';
  return Object.hasOwn(FEDEX_STATUS_CODES, key) ? FEDEX_STATUS_CODES[key] : undefined;
}

/** The coded parts of a FedEx scan event or `latestStatusDetail`. */
export interface FedexStatusInput {
  /** `derivedStatusCode` / `derivedCode`: FedEx's own normalization, decides first. */
  derivedCode?: string;
  /** `eventType` / `code`: the raw scan code. */
  eventType?: string;
}

/**
 * Maps a FedEx status: the derived code decides; the raw event code refines it only when the derived code is
 * the generic "in transit" (FedEx derives IT for "On FedEx vehicle for delivery", OD) or unknown. Free text is
 * never read. Unknown codes → `unknown` (the caller keeps the description). Never throws.
 */
export function mapFedexStatus(input: FedexStatusInput): FedexMappedStatus {
  const derived = lookup(input.derivedCode);
  const raw = lookup(input.eventType);
  if (derived === undefined || derived.status === 'unknown') return raw ?? derived ?? INFORMATIONAL;
  if (derived.status === 'in_transit' && raw !== undefined && raw.status !== 'unknown') return raw;
  return derived;
}
