import type { ShipmentStatus, SubStatus } from '../../domain/shipment-status.js';

/** DHL Unified `statusCode` enum → normalized status. `returnFlag` is handled separately. */
export const DHL_STATUS_CODES: Readonly<Record<string, ShipmentStatus>> = {
  'pre-transit': 'label_created',
  transit: 'in_transit',
  delivered: 'delivered',
  failure: 'exception',
  unknown: 'unknown',
};

/**
 * DHL has no out-for-delivery code: parcel-de reports `transit` with "Die Sendung wurde in das
 * Zustellfahrzeug geladen" and express/ecommerce use English phrases. Only these documented or observed
 * phrases count; anything else stays `in_transit`.
 */
const OUT_FOR_DELIVERY_TEXT = [/zustellfahrzeug/i, /out for delivery/i, /with delivery courier/i];

/** Suffix put on `carrierCode` so audits can tell a text-derived status from a coded one. */
export const DHL_OFD_HEURISTIC_MARK = '+heuristic:out_for_delivery';

/** What the status table decided for one DHL status entry. */
export interface DhlStatusDecision {
  status: ShipmentStatus;
  subStatus?: SubStatus;
  /** True when the status came from the free-text heuristic rather than `statusCode`. */
  heuristic: boolean;
}

/** Inputs of {@link mapDhlStatus}: the coded fields plus the free texts the heuristic may read. */
export interface DhlStatusInput {
  statusCode?: string;
  returnFlag?: boolean;
  texts: Array<string | undefined>;
}

/**
 * Maps one DHL status entry. The coded `statusCode` always wins; free text only refines `transit` into
 * `out_for_delivery`. Unknown or missing codes give `unknown` (the caller keeps the raw text). Never throws.
 */
export function mapDhlStatus(input: DhlStatusInput): DhlStatusDecision {
  if (input.returnFlag === true) return { status: 'returned_to_sender', heuristic: false };
  const code = input.statusCode?.trim().toLowerCase() ?? '';
  const status = Object.hasOwn(DHL_STATUS_CODES, code) ? DHL_STATUS_CODES[code] : undefined;
  if (status === undefined) return { status: 'unknown', heuristic: false };
  if (status === 'in_transit' && input.texts.some((t) => t !== undefined && OUT_FOR_DELIVERY_TEXT.some((re) => re.test(t)))) {
    return { status: 'out_for_delivery', heuristic: true };
  }
  return { status, heuristic: false };
}
