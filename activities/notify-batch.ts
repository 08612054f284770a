import { ApplicationFailure } from '@temporalio/activity';
import { isEnded, type NotificationRecord, type NotificationRepository } from '../src/db/notifications/repository.js';
import { isNotificationSendError } from '../src/notifications/send-error.js';
import { FIRST_RETRY_DELAY_MS, type FirstAttemptOutcome } from '../workflows/notification-messages.js';
import { decideMessage, deliveryStateOf, readOrderFacts, sendMessage, type MessageDeps, type OrderFacts } from './notify-message.js';

/**
 * The first attempt at every message of a NotificationBatchWorkflow, in one activity: one read per
 * request, one of the order, customer and preferences, one write per message marking it `sending` and one
 * marking it `sent` (besides the sends themselves), where a workflow per message read everything twice.
 */
export function createNotifyBatchActivities(deps: MessageDeps & { notifications: NotificationRepository }) {
  /** A failed first attempt: permanent → `failed` now (failover next); anything else is delivered again later. */
  async function firstFailure(request: NotificationRecord, error: unknown): Promise<FirstAttemptOutcome> {
    const key = request.key;
    if (error instanceof ApplicationFailure) {
      await deps.notifications.markFailed(key, error.message, deps.now());
      return { key, outcome: 'failed' };
    }
    if (isNotificationSendError(error) && error.kind === 'permanent') {
      await deps.notifications.markFailed(key, `${error.reason}: ${error.message}`, deps.now());
      return { key, outcome: 'permanent' };
    }
    // Transient, or not a provider's answer at all: the later attempts (Temporal's retries) decide.
    deps.logger.warn('notification: first attempt failed, retried', { key, err: error instanceof Error ? error.message : String(error) });
    const retryAfterMs = isNotificationSendError(error) ? (error.retryAfterMs ?? 0) : 0;
    return { key, outcome: 'retry', delayMs: Math.max(FIRST_RETRY_DELAY_MS, retryAfterMs) };
  }

  return {
    /**
     * Decides each message from what is stored now and sends those not held, side by side. A retry of this
     * activity (the store failed) finds the ones already sent ended and sends only the others.
     */
    async sendNotifications(keys: string[]): Promise<FirstAttemptOutcome[]> {
      const requests = new Map((await deps.notifications.findMany(keys)).map((r) => [r.key, r]));
      const open = [...requests.values()].filter((r) => !isEnded(r.status));
      const facts = new Map<string, OrderFacts | null>();
      for (const orderCode of new Set(open.map((r) => r.orderCode))) {
        const withPush = open.some((r) => r.orderCode === orderCode && r.channel === 'push');
        facts.set(orderCode, await readOrderFacts(deps, orderCode, withPush));
      }
      const outcomes = new Map<string, FirstAttemptOutcome>();
      const toSend: NotificationRecord[] = [];
      for (const key of keys) {
        const request = requests.get(key);
        if (!request) {
          deps.logger.warn('notification request not found', { key });
          outcomes.set(key, { key, outcome: 'unknown' });
        } else if (isEnded(request.status)) {
          outcomes.set(key, { key, outcome: 'done' });
        } else {
          const decision = decideMessage(deps, request, facts.get(request.orderCode) ?? null);
          // Measured after deciding (the decision read the clock too): a message not held has no delay.
          const now = deps.now();
          const delayMs = decision.send ? decision.notBeforeMs - now.getTime() : 0;
          if (!decision.send) {
            await deps.notifications.markSkipped(key, decision.reason, now);
            outcomes.set(key, { key, outcome: 'skipped' });
          } else if (delayMs > 0) {
            // Quiet hours: the workflow waits; preferences are read again when the wait ends.
            await deps.notifications.setNotBefore(key, new Date(decision.notBeforeMs), now);
            outcomes.set(key, { key, outcome: 'held', delayMs });
          } else {
            toSend.push(request);
          }
        }
      }
      for (const request of toSend) await deps.notifications.markSending(request.key, deps.now());
      // Settled, all of them, before a failure is thrown: a retry must not re-send a sibling still in flight.
      const settled = await Promise.allSettled(
        toSend.map(async (request) => {
          let receipt;
          try {
            receipt = await sendMessage(deps, request, facts.get(request.orderCode)!, false);
          } catch (error) {
            outcomes.set(request.key, await firstFailure(request, error));
            return;
          }
          // Each as soon as its provider took it, not with its sibling: Twilio's status callback finds the SMS
          // by the id stored here, and an undelivered report must find it to fail over.
          await deps.notifications.markSent(request.key, receipt.providerMessageId, deliveryStateOf(request, receipt), deps.now(), request);
          deps.logger.info('notification sent', { key: request.key, providerMessageId: receipt.providerMessageId });
          outcomes.set(request.key, { key: request.key, outcome: 'sent' });
        }),
      );
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      return keys.map((key) => outcomes.get(key)!);
    },
  };
}
