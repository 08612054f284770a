import { ApplicationFailure, Context } from '@temporalio/activity';
import { isEnded, type NotificationRepository } from '../src/db/notifications/repository.js';
import { isNotificationSendError } from '../src/notifications/send-error.js';
import { NOTIFY_MAX_ATTEMPTS, PERMANENT_SEND_FAILURE, type DeliveryOutcome, type PreparedNotification } from '../workflows/notification-messages.js';
import { createFailoverActivities } from './notify-failover.js';
import { endingFailure } from './send-failure.js';
import { createNotifyBatchActivities } from './notify-batch.js';
import { decideMessage, deliveryStateOf, readOrderFacts, sendMessage, type MessageDeps, type MessageReceipt } from './notify-message.js';

export interface NotifyActivityDeps extends MessageDeps {
  notifications: NotificationRepository;
  /** Starts the notification workflow of one key (idempotent); absent where no Temporal client is given. */
  startNotification?: (key: string) => Promise<void>;
}


/** The activities of the notification workflows: decide, deliver, fail over. Addresses never leave them. */
export function createNotifyActivities(deps: NotifyActivityDeps) {
  /** Decides from what is stored now: preferences, opt-outs and contact details may change until the send. */
  async function decide(key: string) {
    const request = await deps.notifications.find(key);
    if (!request) throw ApplicationFailure.nonRetryable(`no notification request ${key}`, 'UnknownNotification');
    const facts = await readOrderFacts(deps, request.orderCode, request.channel === 'push');
    return { request, facts, decision: decideMessage(deps, request, facts) };
  }

  return {
    async prepareNotification(key: string): Promise<PreparedNotification> {
      const ctx = await decide(key);
      if (isEnded(ctx.request.status)) {
        // Ended by an attempt that could not report it: its report contribution may be what it did not write.
        await deps.notifications.recountEnded(ctx.request);
        return { action: 'done' };
      }
      if (!ctx.decision.send) {
        await deps.notifications.markSkipped(key, ctx.decision.reason, deps.now());
        return { action: 'skip' };
      }
      const delayMs = Math.max(0, ctx.decision.notBeforeMs - deps.now().getTime());
      if (delayMs > 0) await deps.notifications.setNotBefore(key, new Date(ctx.decision.notBeforeMs), deps.now());
      return { action: 'send', notBeforeMs: ctx.decision.notBeforeMs, delayMs };
    },

    /**
     * One attempt at a message after its wait. `earlierAttempts`: attempts made before this activity's own
     * (the batch's first one), so "last attempt" means the same with or without a batch.
     */
    async deliverNotification(key: string, earlierAttempts = 0): Promise<DeliveryOutcome> {
      const attempt = Context.current().info.attempt + earlierAttempts;
      const ctx = await decide(key);
      const { request, decision } = ctx;
      // Ended by an attempt that could not report it: its report contribution may be what it did not write
      // (recountEnded writes it for a sent or failed request and does nothing for any other).
      await deps.notifications.recountEnded(request);
      if (request.status === 'sent') return { outcome: 'sent', providerMessageId: request.providerMessageId ?? '' };
      // Failed for good by an attempt that could not report it (the store failed after): fail over still.
      if (request.status === 'failed' && request.permanentFailure) throw permanentFailure(request.error ?? 'failed permanently');
      if (isEnded(request.status)) return { outcome: 'skipped', reason: `already ${request.status}` };
      // Re-checked at send time: a STOP or an unsubscribe during quiet hours is honoured.
      if (!decision.send) {
        await deps.notifications.markSkipped(key, decision.reason, deps.now());
        return { outcome: 'skipped', reason: decision.reason };
      }
      await deps.notifications.markSending(key, deps.now());
      let receipt: MessageReceipt;
      try {
        receipt = await sendMessage(deps, request, ctx.facts!, attempt >= NOTIFY_MAX_ATTEMPTS);
      } catch (error) {
        throw await failureOf(key, error, attempt);
      }
      // SMS: Twilio's state, moved on by status callbacks; push: how many browsers have it.
      await deps.notifications.markSent(key, receipt.providerMessageId, deliveryStateOf(request, receipt), deps.now());
      deps.logger.info('notification sent', { key, providerMessageId: receipt.providerMessageId });
      return { outcome: 'sent', providerMessageId: receipt.providerMessageId };
    },

    /** Ends a request whose deliveries ran out (or timed out on the last attempt). */
    async markNotificationGaveUp(key: string, lastError: string): Promise<void> {
      const request = await deps.notifications.find(key);
      if (!request) return;
      if (isEnded(request.status)) return deps.notifications.recountEnded(request);
      await deps.notifications.markFailed(key, `gave up after ${request.attempts} attempts: ${lastError}`, deps.now());
    },

    ...createFailoverActivities(deps),
    ...createNotifyBatchActivities(deps),
  };

  /** The failure to throw: permanent → failed now, no retry; transient → retried, failed on the last attempt. */
  async function failureOf(key: string, error: unknown, attempt: number): Promise<Error> {
    const ending = endingFailure(error);
    if (ending) {
      await deps.notifications.markFailed(key, ending.reason, deps.now(), ending.outcome === 'permanent');
      // A refusal already is the failure to throw; a provider's permanent answer becomes a non-retryable one.
      return ending.outcome === 'failed' ? ending.failure : permanentFailure(ending.reason);
    }
    if (!isNotificationSendError(error)) throw error;
    const reason = `${error.reason}: ${error.message}`;
    if (attempt >= NOTIFY_MAX_ATTEMPTS) {
      await deps.notifications.markFailed(key, `gave up after ${attempt} attempts: ${reason}`, deps.now());
      return ApplicationFailure.create({ type: 'NotificationGaveUp', message: reason, nonRetryable: true });
    }
    return ApplicationFailure.create({
      type: error.reason,
      message: reason,
      ...(error.retryAfterMs ? { nextRetryDelay: error.retryAfterMs } : {}),
    });
  }
}

/** The non-retryable failure the workflow fails over on (PERMANENT_SEND_FAILURE). */
function permanentFailure(reason: string): ApplicationFailure {
  return ApplicationFailure.create({ type: PERMANENT_SEND_FAILURE, message: reason, nonRetryable: true });
}
