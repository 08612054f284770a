/**
 * What happens to a message after its first attempt, when that attempt did not end it: held by quiet hours
 * or failed transiently (a durable timer, then `deliverNotification` with Temporal's retries), or failed for
 * good (failover to the customer's other channel). Shared by the NotificationBatchWorkflow (first attempt
 * in its own activity) and the NotificationFollowUpWorkflow (first attempt in the ShipmentWorkflow's
 * read-model write). Only keys travel (no PII in history).
 */
import { ActivityFailure, ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { NOTIFY_MAX_ATTEMPTS, PERMANENT_SEND_FAILURE, type FirstAttemptOutcome } from './notification-messages.js';

const bookkeeping = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Takes one message from its first attempt's outcome to its end; returns how it ended. */
export async function followUp(o: FirstAttemptOutcome): Promise<string> {
  switch (o.outcome) {
    case 'held':
    case 'retry':
      // Quiet hours, or the retry policy's first backoff: a durable timer, so a worker restart loses nothing.
      await sleep(o.delayMs);
      return deliverLater(o.key, o.outcome === 'retry' ? 1 : 0);
    case 'permanent':
      return failedFor(o.key);
    default:
      return o.outcome;
  }
}

async function failedFor(key: string): Promise<string> {
  const next = await bookkeeping.failoverNotification(key);
  return next ? `failed; failover ${next}` : 'failed';
}

/** The remaining attempts of one message (NOTIFY_MAX_ATTEMPTS in all, the first one's included). */
async function deliverLater(key: string, earlierAttempts: number): Promise<string> {
  const deliver = proxyActivities<Activities>({
    startToCloseTimeout: '45 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 3, maximumInterval: '5 minutes', maximumAttempts: NOTIFY_MAX_ATTEMPTS - earlierAttempts },
  });
  try {
    const result = await deliver.deliverNotification(key, earlierAttempts);
    return result.outcome;
  } catch (error) {
    const cause = error instanceof ActivityFailure ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === PERMANENT_SEND_FAILURE) return failedFor(key);
    if (!(error instanceof ActivityFailure)) throw error;
    // Out of attempts (or timed out on the last one): the request must not stay `sending` for ever.
    await bookkeeping.markNotificationGaveUp(key, cause?.message ?? error.message);
    return 'failed';
  }
}

/**
 * The messages of one revision that its read-model write did not end (since patch
 * `notifications-in-read-model-write`): started by the ShipmentWorkflow only when there are some, with the
 * revision's first key as its id, so a revision has one such workflow (or the batch of an earlier release).
 */
export async function NotificationFollowUpWorkflow(outcomes: FirstAttemptOutcome[]): Promise<string[]> {
  return Promise.all(outcomes.map(followUp));
}
