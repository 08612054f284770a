/**
 * Payloads of the CarrierRecoveryWorkflow and its activities, shared with the code that starts it. Plain
 * JSON only (ISO strings, epoch ms).
 */
import type { CatchUpPace, OpenShipmentCursor } from '../src/domain/carrier-health.js';

/** One recovery: after the outage that began at `outageSince` ended at `endedAt`. */
export interface CarrierRecoveryInput {
  carrierId: string;
  outageSince: string;
  endedAt: string;
  /** Catch-up rate (CARRIER_CATCH_UP_RATE). */
  pace: CatchUpPace;
  /** Wait after the last catch-up request before held alerts are re-evaluated (CARRIER_RECOVERY_SETTLE). */
  settleMs: number;
  /** Continue-as-new only: where the catch-up got to, how many were asked, and that operators were told. */
  cursor?: OpenShipmentCursor;
  requested?: number;
  announced?: boolean;
}

/** What the recovery did, as its result (Temporal UI, tests). */
export interface CarrierRecoveryOutcome {
  catchUpPolls: number;
  /** Held alerts now told to operators (the shipment is still stalled or failing). */
  released: number;
  /** Held alerts closed without a message (the shipment ended meanwhile). */
  dropped: number;
  /** False when a new outage began before the catch-up ended: its own recovery re-evaluates. */
  finished: boolean;
}

/** One recovery per outage episode: a second start for the same outage is rejected. */
export function carrierRecoveryWorkflowId(carrierId: string, outageSince: string): string {
  return `carrier-recovery:${carrierId}:${outageSince}`;
}
