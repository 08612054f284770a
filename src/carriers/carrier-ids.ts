import { CARRIER_MANIFESTS } from './all.js';

/** Carrier ids used everywhere (API, config, CLIs, database), in the order of `CARRIER_MANIFESTS`. */
export type CarrierId = (typeof CARRIER_MANIFESTS)[number]['id'];

/** Every carrier id, derived from the manifests. */
export const CARRIER_IDS = CARRIER_MANIFESTS.map((m) => m.id) as unknown as readonly [CarrierId, ...CarrierId[]];

export function isCarrierId(value: unknown): value is CarrierId {
  return typeof value === 'string' && (CARRIER_IDS as readonly string[]).includes(value);
}
