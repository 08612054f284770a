/**
 * One customer message from its recorded request to its end (sent, skipped or failed). Started by the
 * activity that records the request, with the request's key as the workflow id, so each message has exactly
 * one such workflow. Only the key travels: addresses and texts stay in activities (no PII in history).
 */
import { ActivityFailure, ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { NOTIFY_MAX_ATTEMPTS, PERMANENT_SEND_FAILURE } from './notification-messages.js';

const prepare = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// Bounded: after the last attempt the activity itself marks the request failed ("gave up after N attempts").
// A 30 s SMTP/Twilio call is already slow; the backoff (2 s … 5 min) rides out short provider outages.
const deliver = proxyActivities<Activities>({
  startToCloseTimeout: '45 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 3, maximumInterval: '5 minutes', maximumAttempts: NOTIFY_MAX_ATTEMPTS },
});

/** Sends the message recorded under `key` (the workflow id). */
export async function NotificationWorkflow(key: string): Promise<string> {
  const prepared = await prepare.prepareNotification(key);
  if (prepared.action !== 'send') return prepared.action;
  // Quiet hours: a durable timer, so a worker restart during the night loses nothing.
  if (prepared.delayMs > 0) await sleep(prepared.delayMs);
  try {
    const result = await deliver.deliverNotification(key);
    return result.outcome;
  } catch (error) {
    const cause = error instanceof ActivityFailure ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === PERMANENT_SEND_FAILURE) {
      const next = await prepare.failoverNotification(key);
      return next ? `failed; failover ${next}` : 'failed';
    }
    if (!(error instanceof ActivityFailure)) throw error;
    // Out of attempts (or timed out on the last one): the request must not stay `sending` for ever.
    await prepare.markNotificationGaveUp(key, cause?.message ?? error.message);
    return 'failed';
  }
}
