/**
 * Pure helpers of ShipmentWorkflow: what a revision's projection says, and when a stall began. No clock and
 * no Temporal API here (time and state are parameters), so moving them out of the workflow changed no
 * command it issues.
 */
import type { ProjectionInput } from '../activities/activity-types.js';
import type { ApplyResult } from '../src/domain/apply-events.js';
import type { StatusSource } from '../src/domain/shipment-status.js';
import { stallDeadlineMs } from '../src/domain/stall-policy.js';
import type { ShipmentWorkflowInput } from './shipment-messages.js';
import type { WorkflowMemory } from './workflow-run-state.js';

/** When the current stall began (the stall deadline of the last progress), or null when nothing can stall. */
export function stallStart(memory: WorkflowMemory, stallThresholdMs: number): string | null {
  const deadline = stallDeadlineMs(memory.domain, stallThresholdMs);
  return deadline === null ? null : new Date(deadline).toISOString();
}

/** Where a reducer step came from, for the projection's event source and the audit log's status change. */
export interface ProjectionOrigin {
  source: StatusSource;
  receivedAt: string;
  inboxId?: string;
}

/** The read-model projection of the workflow's state after `result` (memory already holds the new revision). */
export function buildProjection(
  input: ShipmentWorkflowInput,
  memory: WorkflowMemory,
  result: ApplyResult,
  origin: ProjectionOrigin,
  stallThresholdMs: number,
): ProjectionInput {
  const d = memory.domain;
  const { source, receivedAt, inboxId } = origin;
  return {
    orderCode: input.orderCode,
    carrierId: input.carrierId,
    revision: memory.revision,
    status: d.status,
    ...(d.subStatus ? { subStatus: d.subStatus } : {}),
    milestone: d.milestone,
    milestoneAt: d.milestoneAt,
    ...(memory.trackingNumber ? { trackingNumber: memory.trackingNumber } : {}),
    ...(d.carrierEta ? { carrierEta: d.carrierEta } : {}),
    ...(d.lastEventAt ? { lastEventAt: d.lastEventAt } : {}),
    ...(d.lastProgressAt ? { lastProgressAt: d.lastProgressAt } : {}),
    ...(d.deliveredAt ? { deliveredAt: d.deliveredAt } : {}),
    ...(d.cancelled ? { cancelledAt: memory.cancelRequested?.requestedAt ?? receivedAt } : {}),
    stalledSince: memory.stallAlertRaisedFor === d.lastProgressAt && memory.stallAlertRaisedFor ? stallStart(memory, stallThresholdMs) : null,
    newEvents: result.accepted,
    eventSource: source,
    ...(result.statusChanged
      ? {
          change: {
            from: result.from,
            to: result.to,
            source,
            carrierEventIds: result.accepted.flatMap((e) => (e.carrierEventId ? [e.carrierEventId] : [])),
            receivedAt,
            ...(inboxId ? { inboxId } : {}),
          },
        }
      : {}),
  };
}
