import type { AlertRepository } from '../src/db/alerts/repository.js';
import type { NotificationRepository } from '../src/db/notifications/repository.js';
import type { ProjectionRepository } from '../src/db/shipments/projection-repository.js';
import type { createFeedbackRepository } from '../src/db/feedback/repository.js';
import type { Logger } from '../src/observability/logger.js';
import type { EtaRevisions } from './eta.js';
import type {
  FeedbackRequestInput,
  NotificationRequestInput,
  PollFailureInput,
  ProjectionInput,
  ReadModelWriteInput,
  ResolveStallInput,
  StallAlertInput,
} from './activity-types.js';

export interface ProjectionActivityDeps {
  projections: ProjectionRepository;
  notifications: NotificationRepository;
  alerts: AlertRepository;
  feedback: ReturnType<typeof createFeedbackRepository>;
  logger: Logger;
  now: () => Date;
  /** The order's ETA, revised with each projection (absent: the carrier's own date is written, as before). */
  eta?: EtaRevisions;
}

/** Read-model activities: every one is idempotent, so Temporal may run any of them twice. */
export function createProjectionActivities(deps: ProjectionActivityDeps) {
  async function raiseStall(input: StallAlertInput): Promise<void> {
    deps.logger.warn('shipment stalled', { orderCode: input.orderCode, lastProgressAt: input.lastProgressAt });
    await deps.alerts.raiseStall({ ...input, at: new Date(input.raisedAt) });
  }

  async function resolveStall(input: ResolveStallInput): Promise<void> {
    await deps.alerts.resolveStall(input.orderCode, input.lastProgressAt, new Date(input.resolvedAt));
  }

  return {
    async projectShipment(input: ProjectionInput): Promise<void> {
      await deps.projections.apply(input, deps.now(), await deps.eta?.estimateFor(input));
    },

    /** Records notification requests under their idempotency keys; the channels deliver them. */
    async requestNotifications(input: NotificationRequestInput): Promise<void> {
      await deps.notifications.recordRequests(input.orderCode, input.revision, input.requests, deps.now());
    },

    /**
     * All writes of a revision at once (since patch `single-read-model-write`): the projection first, so
     * a notification never goes out for a status the read model does not show yet. A stall alert goes
     * before the projection that shows the stall, a resolution and a feedback request after the one that
     * ends it (the order the separate activities had). The activities above and below stay registered for
     * runs recorded before the patches.
     */
    async writeReadModel(input: ReadModelWriteInput): Promise<void> {
      const at = deps.now();
      if (input.raiseStall) await raiseStall(input.raiseStall);
      await deps.projections.apply(input.projection, at, await deps.eta?.estimateFor(input.projection));
      const n = input.notifications;
      if (n) await deps.notifications.recordRequests(n.orderCode, n.revision, n.requests, at);
      if (input.resolveStall) await resolveStall(input.resolveStall);
      if (input.feedback) await deps.feedback.request(input.feedback.orderCode, input.feedback.deliveredAt, at);
    },

    async recordPollFailure(input: PollFailureInput): Promise<void> {
      deps.logger.warn('carrier poll failed after retries', { ...input });
      await deps.projections.recordPollFailure(input.orderCode, new Date(input.failedAt), `${input.errorType}: ${input.message}`);
      await deps.alerts.recordPollFailure({
        orderCode: input.orderCode,
        carrierId: input.carrierId,
        message: `${input.errorType}: ${input.message} (${input.consecutiveFailures} in a row)`,
        at: new Date(input.failedAt),
      });
    },

    raiseStallAlert: raiseStall,
    resolveStallAlert: resolveStall,

    async requestFeedback(input: FeedbackRequestInput): Promise<void> {
      await deps.feedback.request(input.orderCode, input.deliveredAt, deps.now());
    },
  };
}
