import type { ShipmentStatus, SubStatus } from '../../domain/shipment-status.js';

/** A normalized status with the optional finer reason. */
export interface MappedStatus {
  status: ShipmentStatus;
  subStatus?: SubStatus;
}

/**
 * The simulator carrier's event codes. Two letters like most carriers' scan codes; each names exactly one
 * normalized status, so the simulator can exercise every branch of the reducer (including the sub-statuses
 * the stall and notification policies look at).
 */
export const SIM_STATUS_CODES = {
  LC: { status: 'label_created' },
  PU: { status: 'picked_up' },
  IT: { status: 'in_transit' },
  AR: { status: 'in_transit' },
  DP: { status: 'in_transit' },
  OD: { status: 'out_for_delivery' },
  DA: { status: 'delivery_attempted', subStatus: 'attempt_failed' },
  PK: { status: 'available_for_pickup' },
  DL: { status: 'delivered' },
  EX: { status: 'exception' },
  DY: { status: 'exception', subStatus: 'delayed' },
  AX: { status: 'exception', subStatus: 'address_issue' },
  DM: { status: 'exception', subStatus: 'damaged' },
  RT: { status: 'exception', subStatus: 'refused' },
  RS: { status: 'returned_to_sender' },
  CA: { status: 'cancelled', subStatus: 'cancelled' },
  XX: { status: 'unknown' },
} as const satisfies Record<string, MappedStatus>;

/** A code the simulator emits. */
export type SimStatusCode = keyof typeof SIM_STATUS_CODES;

/** Every simulator code, for validation of control requests. */
export const SIM_CODES = Object.keys(SIM_STATUS_CODES) as SimStatusCode[];

/** True for a code in {@link SIM_STATUS_CODES}. */
export function isSimStatusCode(value: unknown): value is SimStatusCode {
  return typeof value === 'string' && Object.hasOwn(SIM_STATUS_CODES, value);
}

/** Maps a simulator code (case-insensitive); anything unknown is `unknown`, never an error. */
export function mapSimulatorCode(code: string | undefined): MappedStatus {
  const key = code?.trim().toUpperCase() ?? '';
  if (!isSimStatusCode(key)) return { status: 'unknown' };
  const mapped: MappedStatus = SIM_STATUS_CODES[key];
  return { ...mapped };
}
