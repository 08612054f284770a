import type { OrderRecord } from '../src/db/orders/order-record.js';
import type { AlertRepository } from '../src/db/alerts/repository.js';
import type { CarrierHealthRepository } from '../src/db/carrier-health/repository.js';
import { holdsShipmentAlerts } from '../src/domain/carrier-health.js';
import type { NotificationRepository } from '../src/db/notifications/repository.js';
import type { ProjectionRepository } from '../src/db/shipments/projection-repository.js';
import type { createFeedbackRepository } from '../src/db/feedback/repository.js';
import type { Logger } from '../src/observability/logger.js';
import type { EtaRevisions } from './eta.js';
import type { FollowUpWorkflows } from './follow-up-workflows.js';
import { needsFollowUp, type FirstAttemptOutcome } from '../workflows/notification-messages.js';
import { recordRevisionRequests, unconfiguredRequests } from './revision-requests.js';
import type {
  FeedbackRequestInput,
  NotificationFollowUpInput,
  NotificationRequestInput,
  PollFailureInput,
  PollRecoveredInput,
  ProjectionInput,
  ReadModelWriteInput,
  ReadModelWriteResult,
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
  /** Starts each revision's NotificationBatchWorkflow and each alert episode's OperatorAlertWorkflow. */
  followUps?: FollowUpWorkflows;
  /**
   * The first attempt at a revision's messages (notify-batch.ts), made by the read-model write itself when
   * the workflow asks (`sendNotifications`); absent (no Temporal client): requests are only recorded.
   * `order`: the order as this write left it, when it did (else the messages read it).
   */
  sendRevision?: (messages: NotificationRequestInput, at: Date, order?: OrderRecord) => Promise<FirstAttemptOutcome[]>;
  /** The channels this installation sends on (absent: every request goes to its workflow to be decided). */
  configuredChannels?: readonly string[];
  /** Consecutive poll failures that alert operators (once per run of failures). */
  pollFailureAlertAfter?: number;
  /** Carrier health: a shipment's alerts are held while its carrier is in outage (one outage alert instead). */
  carrierHealth?: Pick<CarrierHealthRepository, 'get'>;
}

/** Read-model activities: every one is idempotent, so Temporal may run any of them twice. */
export function createProjectionActivities(deps: ProjectionActivityDeps) {
  /** The carrier whose outage holds this shipment's alerts back, if it is in one. */
  async function holdingCarrier(carrierId: string): Promise<string | undefined> {
    const health = await deps.carrierHealth?.get(carrierId);
    return holdsShipmentAlerts(health?.state) ? carrierId : undefined;
  }

  async function raiseStall(input: StallAlertInput): Promise<void> {
    const heldBy = await holdingCarrier(input.carrierId);
    deps.logger.warn('shipment stalled', { orderCode: input.orderCode, lastProgressAt: input.lastProgressAt, ...(heldBy ? { heldByOutage: heldBy } : {}) });
    // The stored alert decides (a retried activity gets the first attempt's back): held ones wait for the catch-up.
    const alert = await deps.alerts.raiseStall({ ...input, at: new Date(input.raisedAt), ...(heldBy ? { heldBy } : {}) });
    if (!alert.heldByOutage) {
      await deps.followUps?.startOperatorAlert({ kind: 'stall', orderCode: input.orderCode, episode: input.lastProgressAt, state: 'raised' });
    }
  }

  async function resolveStall(input: ResolveStallInput): Promise<void> {
    const alert = await deps.alerts.resolveStall(input.orderCode, input.lastProgressAt, new Date(input.resolvedAt));
    // Operators never heard of a held stall: its end needs no message either.
    if (alert && !alert.heldByOutage) {
      await deps.followUps?.startOperatorAlert({ kind: 'stall', orderCode: input.orderCode, episode: input.lastProgressAt, state: 'resolved', endedAt: input.resolvedAt });
    }
  }

  /**
   * Records a revision's requests and starts their NotificationBatchWorkflow (runs recorded before the
   * inline sends). A request on a channel this installation has not configured can only end skipped: it is
   * recorded so and never started (a NotificationBatchWorkflow for a revision with nothing else to send cost
   * a start, two workflow tasks and an activity per milestone where, say, only e-mail is set up).
   */
  async function recordAndStart(n: NotificationRequestInput, at: Date): Promise<void> {
    const unconfigured = unconfiguredRequests(n.requests, deps.configuredChannels);
    await recordRevisionRequests(deps.notifications, n, at, unconfigured);
    // Every request of the revision, not only the new ones, and the skipped too: a retried write starts the
    // same NotificationBatchWorkflow (its id is the revision's first key, as in earlier releases, so a second
    // start is a no-op, also across an upgrade); not started at all when nothing is left to send.
    if (n.requests.some((r) => !unconfigured.has(r.key))) await deps.followUps?.startNotifications(n.requests.map((r) => r.key));
  }

  /**
   * The projection with the order's revised ETA (and the order's state remembered for its next revision).
   * With `returnOrder`, returns the order as the write left it (undefined when it did not apply: a retried or
   * stale revision).
   */
  async function project(p: ProjectionInput, at: Date, returnOrder = false): Promise<OrderRecord | undefined> {
    const decision = await deps.eta?.estimateFor(p);
    const { orderApplied, written } = await deps.projections.apply(p, at, decision?.estimate, decision?.order, returnOrder);
    if (decision) deps.eta?.written(p, decision, orderApplied);
    return written;
  }

  return {
    async projectShipment(input: ProjectionInput): Promise<void> {
      await project(input, deps.now());
    },

    /** Records notification requests under their idempotency keys; the channels deliver them. */
    async requestNotifications(input: NotificationRequestInput): Promise<void> {
      await recordAndStart(input, deps.now());
    },

    /**
     * All writes of a revision at once (since patch `single-read-model-write`): the projection first, so
     * a notification never goes out for a status the read model does not show yet. A stall alert goes
     * before the projection that shows the stall, a resolution and a feedback request after the one that
     * ends it (the order the separate activities had). The activities above and below stay registered for
     * runs recorded before the patches.
     *
     * With `sendNotifications` (patch `notifications-in-read-model-write`) the revision's messages are sent
     * here, last, instead of by a NotificationBatchWorkflow: a start, two workflow tasks and an activity
     * saved per milestone. Last, so that a failed write is retried before anything went out; a retry after
     * a send (the store failed on `sent`) finds the sent ones ended and sends only the others. What the first
     * attempt did not end is returned for the workflow to hand to a NotificationFollowUpWorkflow.
     */
    async writeReadModel(input: ReadModelWriteInput): Promise<ReadModelWriteResult> {
      const at = deps.now();
      const sendHere = input.sendNotifications === true && deps.sendRevision !== undefined;
      if (input.raiseStall) await raiseStall(input.raiseStall);
      const n = input.notifications;
      const written = await project(input.projection, at, Boolean(n && sendHere));
      if (n && !sendHere) await recordAndStart(n, at);
      if (input.resolveStall) await resolveStall(input.resolveStall);
      if (input.feedback) await deps.feedback.request(input.feedback.orderCode, input.feedback.deliveredAt, at);
      // Every request of the revision, not only the new ones: a retried write records and sends what it
      // can; requests an earlier attempt recorded are decided again from what is stored.
      const outcomes = n && sendHere ? await deps.sendRevision!(n, at, written) : [];
      return { notificationFollowUps: outcomes.filter(needsFollowUp) };
    },

    /** Starts the NotificationFollowUpWorkflow of what a revision's write left (idempotent by its id). */
    async startNotificationFollowUp(input: NotificationFollowUpInput): Promise<void> {
      await deps.followUps?.startNotificationFollowUp(input.workflowId, input.outcomes);
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
      // Exactly at the threshold: once per run of failures, the run's episode named by this failure's time.
      if (input.consecutiveFailures === deps.pollFailureAlertAfter) {
        const heldBy = await holdingCarrier(input.carrierId);
        await deps.alerts.markPollEpisode(input.orderCode, input.failedAt, heldBy);
        if (!heldBy) await deps.followUps?.startOperatorAlert({ kind: 'poll_failures', orderCode: input.orderCode, episode: input.failedAt, state: 'raised' });
      }
    },

    /**
     * A poll answered after failed ones (since patch `poll-failure-resolution`): the run of failures ends,
     * and operators who were told of it hear that it is over.
     */
    async recordPollRecovered(input: PollRecoveredInput): Promise<void> {
      const run = await deps.alerts.resolvePollFailures(input.orderCode, new Date(input.recoveredAt));
      const episode = run?.details?.episode;
      if (!episode || run.heldByOutage) return;
      await deps.followUps?.startOperatorAlert({ kind: 'poll_failures', orderCode: input.orderCode, episode, state: 'resolved', endedAt: input.recoveredAt });
    },

    raiseStallAlert: raiseStall,
    resolveStallAlert: resolveStall,

    async requestFeedback(input: FeedbackRequestInput): Promise<void> {
      await deps.feedback.request(input.orderCode, input.deliveredAt, deps.now());
    },
  };
}
