import { parseInstant } from './instant.js';
import type { ShipmentState } from './shipment-state.js';
import { isTerminalStatus } from './status-rank.js';

/**
 * Absolute time (epoch ms) at which the shipment counts as stalled: `lastProgressAt + thresholdMs`. Kept as
 * data so the workflow can carry it across continue-as-new and recompute it after every accepted batch.
 * Null when nothing more is expected (delivered, returned, cancelled) or the state has no progress time.
 */
export function stallDeadlineMs(state: ShipmentState, thresholdMs: number): number | null {
  if (state.cancelled || isTerminalStatus(state.status) || state.lastProgressAt === null) return null;
  const last = parseInstant(state.lastProgressAt);
  return Number.isNaN(last) ? null : last + thresholdMs;
}

/** Whether the shipment has made no progress for `thresholdMs` as of `nowMs` (the deadline itself counts). */
export function isStalled(state: ShipmentState, nowMs: number, thresholdMs: number): boolean {
  const deadline = stallDeadlineMs(state, thresholdMs);
  return deadline !== null && nowMs >= deadline;
}
