import type { ShipmentStatus, SubStatus } from '../../domain/shipment-status.js';

/** A normalized status with its optional reason. */
export interface UpsMappedStatus {
  status: ShipmentStatus;
  subStatus?: SubStatus;
}

/** The coded parts of a UPS status (`activity[].status`, `currentStatus`, Track Alert `activityStatus`). */
export interface UpsStatusInput {
  /** Activity type (appendix "activity type"): D, I, M, MV, X, U, DO, DD, W, NA; P and RS from captures. */
  type?: string;
  /** Two-letter code (movement scan / manifest / updates tables), e.g. OT, PU, MP. */
  code?: string;
  /** Three-digit status description code (appendix lists it without leading zeros), e.g. 011. */
  statusCode?: string;
}

/**
 * Base status per activity type; the type is UPS's coarsest code and decides first.
 * - MV (billing information voided) is a cancelled label: our `cancelled`, not an exception.
 * - P (pickup scan, seen in captures) is our `picked_up`.
 * - DO/DD/W are freight container-station and warehouse steps; DD "Delivered Destination CFS" is delivery to
 *   a freight station, not to the consignee, so it stays `in_transit` (no false "delivered" notification).
 * - U (Track Alert updates: new date/time, photo) carries no state; mappers turn it into an ETA only.
 */
export const UPS_ACTIVITY_TYPES: Readonly<Record<string, UpsMappedStatus>> = {
  M: { status: 'label_created' },
  MV: { status: 'cancelled' },
  P: { status: 'picked_up' },
  I: { status: 'in_transit' },
  D: { status: 'delivered' },
  X: { status: 'exception' },
  RS: { status: 'returned_to_sender' },
  DO: { status: 'in_transit' },
  DD: { status: 'in_transit' },
  W: { status: 'in_transit' },
  NA: { status: 'unknown' },
  U: { status: 'unknown' },
};

/** Types whose events only move the delivery estimate (Track Alert "U": UP date, UT time, PX photo). */
export const UPS_ETA_ONLY_TYPES: readonly string[] = ['U'];

const set = (codes: string): Set<string> => new Set(codes.split(' '));
const OUT_FOR_DELIVERY_CODES = set('6 21 37 72 89 91 146 162');
const OUT_FOR_DELIVERY_SCANS = set('OT OF OD YF YI');
// 144 "Delivered to Post Office for pickup" and 161 "Delivered to UPS Access Point" leave the customer a trip
// to make: `available_for_pickup` says so; the later pickup scan is the delivery.
const PICKUP_POINT_CODES = set('17 40 144 161');
const PICKED_UP_CODES = set('38 160 167 168 169');
const PICKED_UP_SCANS = set('PU PC PT OR XD');
const RETURN_CODES = set('34 35 36 67');
const ATTEMPT_CODES = set('22 23 24 60 61 62 66 145');

/** Refinements of an exception (type X) by status description code. */
const EXCEPTION_CODES: Readonly<Record<string, UpsMappedStatus>> = {
  ...Object.fromEntries(['12', '58', '92', '123', '124', '125', '126'].map((c) => [c, { status: 'exception', subStatus: 'customs_hold' }])),
  ...Object.fromEntries(['14', '84', '134'].map((c) => [c, { status: 'in_transit' }])),
  ...Object.fromEntries(
    ['32', '46', '48', '49', '51', '52', '53', '86', '90', '132'].map((c) => [c, { status: 'exception', subStatus: 'delayed' }]),
  ),
  '7': { status: 'cancelled' },
  '50': { status: 'exception', subStatus: 'address_issue' },
  '59': { status: 'exception', subStatus: 'damaged' },
  '64': { status: 'exception', subStatus: 'refused' },
  '68': { status: 'exception', subStatus: 'lost' },
  '81': { status: 'returned_to_sender', subStatus: 'damaged' },
};

/** `"011"` → `"11"`: the appendix lists status codes without the leading zeros the API sends. */
export function normalizeUpsStatusCode(statusCode: string | undefined): string | undefined {
  const trimmed = statusCode?.trim();
  if (!trimmed || !/^\d+$/.test(trimmed)) return undefined;
  return String(Number(trimmed));
}

/** Refinements shared by the moving types (I, P and, for last-mile scans, D). */
function refineMoving(type: string, code: string | undefined, scan: string): UpsMappedStatus | undefined {
  if (code !== undefined && OUT_FOR_DELIVERY_CODES.has(code)) return { status: 'out_for_delivery' };
  if (code !== undefined && PICKUP_POINT_CODES.has(code)) return { status: 'available_for_pickup' };
  if (type === 'D') return OUT_FOR_DELIVERY_SCANS.has(scan) ? { status: 'out_for_delivery' } : undefined;
  if (code !== undefined && RETURN_CODES.has(code)) return { status: 'returned_to_sender' };
  if (code !== undefined && ATTEMPT_CODES.has(code)) return { status: 'delivery_attempted', subStatus: 'attempt_failed' };
  if (code !== undefined && PICKED_UP_CODES.has(code)) return { status: 'picked_up' };
  if (OUT_FOR_DELIVERY_SCANS.has(scan)) return { status: 'out_for_delivery' };
  if (PICKED_UP_SCANS.has(scan)) return { status: 'picked_up' };
  return undefined;
}

/** Refinements of type X: returns and attempts first (richer statuses), then the exception reasons. */
function refineException(code: string | undefined): UpsMappedStatus | undefined {
  if (code === undefined) return undefined;
  if (RETURN_CODES.has(code)) return { status: 'returned_to_sender' };
  if (ATTEMPT_CODES.has(code)) return { status: 'delivery_attempted', subStatus: 'attempt_failed' };
  if (code === '17' || code === '40') return { status: 'available_for_pickup' };
  return EXCEPTION_CODES[code];
}

/**
 * Maps a UPS status: the activity type decides, the three-digit status code (then the two-letter scan code)
 * refines within it. Free text (`description`, `simplifiedTextDescription`) is never read: UPS's own doc
 * sample pairs "Delivered" text with an exception type. Unknown or missing type → `unknown`. Never throws.
 */
export function mapUpsStatus(input: UpsStatusInput): UpsMappedStatus {
  const type = input.type?.trim().toUpperCase() ?? '';
  const base = Object.hasOwn(UPS_ACTIVITY_TYPES, type) ? UPS_ACTIVITY_TYPES[type] : undefined;
  if (base === undefined) return { status: 'unknown' };
  const code = normalizeUpsStatusCode(input.statusCode);
  const scan = input.code?.trim().toUpperCase() ?? '';
  let refined: UpsMappedStatus | undefined;
  if (type === 'X') refined = refineException(code);
  else if (type === 'I' || type === 'P' || type === 'D') refined = refineMoving(type, code, scan);
  return refined ?? base;
}
