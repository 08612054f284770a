import type { ShipmentStatus, SubStatus } from '../../domain/shipment-status.js';

/** A normalized status with the optional finer reason. */
export interface MappedStatus {
  status: ShipmentStatus;
  subStatus?: SubStatus;
}

/**
 * Every documented tracker/detail `status` (EasyPost node client types and API docs). `cancelled` is a
 * voided label, not a cancelled order, so it stays an exception an operator looks at; `error` means EasyPost
 * could not track, which says nothing about the parcel.
 */
export const EASYPOST_STATUSES: Readonly<Record<string, MappedStatus>> = {
  unknown: { status: 'unknown' },
  pre_transit: { status: 'label_created' },
  in_transit: { status: 'in_transit' },
  out_for_delivery: { status: 'out_for_delivery' },
  available_for_pickup: { status: 'available_for_pickup' },
  delivered: { status: 'delivered' },
  return_to_sender: { status: 'returned_to_sender' },
  failure: { status: 'exception' },
  cancelled: { status: 'exception', subStatus: 'cancelled' },
  error: { status: 'unknown' },
};

/** `status_detail` values that say why something went wrong; the rest only restate the status. */
export const EASYPOST_DETAIL_SUB_STATUS: Readonly<Record<string, SubStatus>> = {
  address_correction: 'address_issue',
  cancelled: 'cancelled',
  damaged: 'damaged',
  delayed: 'delayed',
  weather_delay: 'delayed',
  lost: 'lost',
  refused: 'refused',
};

/**
 * Maps a tracker or scan `status` (+ `status_detail`). The coded `status` decides; the detail only adds a
 * sub-status, or turns an in-transit origin acceptance into `picked_up`. Unknown or missing → `unknown`
 * (callers keep the raw text in the description). Never throws.
 */
export function mapEasyPostStatus(status: string | undefined, statusDetail?: string): MappedStatus {
  const key = status?.trim().toLowerCase() ?? '';
  const base = Object.hasOwn(EASYPOST_STATUSES, key) ? EASYPOST_STATUSES[key] : undefined;
  if (base === undefined) return { status: 'unknown' };
  const detail = statusDetail?.trim().toLowerCase() ?? '';
  if (base.status === 'in_transit' && detail === 'received_at_origin_facility') return { status: 'picked_up' };
  const subStatus = Object.hasOwn(EASYPOST_DETAIL_SUB_STATUS, detail) ? EASYPOST_DETAIL_SUB_STATUS[detail] : undefined;
  // A delivered parcel has no open problem, whatever stale detail came along with it.
  if (subStatus === undefined || base.status === 'delivered' || base.subStatus) return { ...base };
  return { status: base.status, subStatus };
}
