/**
 * The messages one revision of a shipment asked for (usually e-mail and SMS of one milestone), from their
 * recorded requests to their ends. One activity reads the order, customer and preferences once and sends
 * every message that is not held; only a message held by quiet hours or failed on that first attempt goes
 * on, each on its own, as the per-message NotificationWorkflow did: a durable timer, then `deliverNotification`
 * with Temporal's retries, then failover or "gave up". Only keys travel (no PII in history).
 */
import { ActivityFailure, ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { NOTIFY_MAX_ATTEMPTS, PERMANENT_SEND_FAILURE, type FirstAttemptOutcome } from './notification-messages.js';

// Sends every message once; it throws only when the store fails, and is retried then (already sent ones
// are recognised by their recorded status). Two providers called side by side: 60 s.
const first = proxyActivities<Activities>({
  startToCloseTimeout: '60 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const bookkeeping = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Sends the messages recorded under `keys`; returns how each ended, in the same order. */
export async function NotificationBatchWorkflow(keys: string[]): Promise<string[]> {
  const outcomes = await first.sendNotifications(keys);
  return Promise.all(outcomes.map(followUp));
}

async function followUp(o: FirstAttemptOutcome): Promise<string> {
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
