import type { PushSubscriptionRepository, StoredPushSubscriptionRecord } from '../src/db/push-subscriptions/repository.js';
import type { Channel, SendReceipt } from '../src/notifications/channel.js';
import { pushMessageFor } from '../src/notifications/push/push-payload.js';
import { isNotificationSendError, NotificationSendError } from '../src/notifications/send-error.js';
import type { CustomerMessageContext } from '../src/notifications/templates/index.js';
import type { Logger } from '../src/observability/logger.js';

/** What a push delivery ended with: the receipt, and what happened per browser in words for the log. */
export interface PushDeliveryResult extends SendReceipt {
  summary: string;
}

type Outcome = { kind: 'sent'; id: string } | { kind: 'gone' | 'rejected' | 'transient'; error: NotificationSendError };

function asSendError(error: unknown): NotificationSendError {
  if (isNotificationSendError(error)) return error;
  return new NotificationSendError('transient', 'unknown', error instanceof Error ? error.message : String(error));
}

/**
 * Sends one message to every push subscription of the order (each browser the customer subscribed on the
 * tracking page). Per browser: accepted → remembered on the subscription, so a retry skips it; 404/410 →
 * the subscription is deleted; another 4xx → permanent for that browser; 429/5xx/network → transient.
 *
 * The request is `sent` once at least one browser has it and no transient failure is left to retry; with
 * only permanent failures it throws a permanent error (gone, else rejected); with transient ones left it
 * throws a transient error so Temporal retries (with backoff) the browsers still missing, except on the
 * last attempt when some browser already has the message, which then counts as sent.
 */
export async function deliverPush(deps: {
  key: string;
  orderCode: string;
  context: CustomerMessageContext;
  channel: Channel<'push'>;
  subscriptions: PushSubscriptionRepository;
  /** The order's subscriptions as the caller just read them (to decide the message); read here when absent. */
  listed?: StoredPushSubscriptionRecord[];
  lastAttempt: boolean;
  logger: Logger;
}): Promise<PushDeliveryResult> {
  const all = deps.listed ?? (await deps.subscriptions.listForOrder(deps.orderCode));
  const already = all.filter((s) => s.deliveredKeys.includes(deps.key)).length;
  const pending = all.filter((s) => !s.deliveredKeys.includes(deps.key));
  const outcomes: Outcome[] = await Promise.all(
    pending.map(async (subscription): Promise<Outcome> => {
      try {
        const receipt = await deps.channel.send(pushMessageFor(deps.key, subscription, deps.context));
        await deps.subscriptions.markDelivered(deps.orderCode, subscription.endpoint, deps.key);
        return { kind: 'sent', id: receipt.providerMessageId };
      } catch (caught) {
        const error = asSendError(caught);
        if (error.reason === 'subscription_gone') {
          await deps.subscriptions.remove(deps.orderCode, subscription.endpoint);
          return { kind: 'gone', error };
        }
        return { kind: error.permanent ? 'rejected' : 'transient', error };
      }
    }),
  );
  const count = (kind: Outcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  const sent = already + count('sent');
  const gone = count('gone');
  const rejected = outcomes.filter((o): o is Extract<Outcome, { error: NotificationSendError }> => o.kind === 'rejected');
  const transient = outcomes.filter((o): o is Extract<Outcome, { error: NotificationSendError }> => o.kind === 'transient');
  const parts = [`${sent} of ${all.length} push subscription${all.length === 1 ? '' : 's'} reached`];
  if (gone > 0) parts.push(`${gone} gone (404/410) and removed`);
  if (rejected.length > 0) parts.push(`${rejected.length} refused (${rejected[0]!.error.reason}: ${rejected[0]!.error.message})`);
  if (transient.length > 0) parts.push(`${transient.length} not reachable (${transient[0]!.error.reason}: ${transient[0]!.error.message})`);
  const summary = parts.join('; ');
  if (gone > 0) deps.logger.info('push subscriptions removed: gone at the push service', { key: deps.key, removed: gone });

  if (transient.length > 0 && !(deps.lastAttempt && sent > 0)) {
    const first = transient[0]!.error;
    throw new NotificationSendError('transient', first.reason, summary, first.providerCode, first.retryAfterMs);
  }
  if (sent > 0) {
    const id = outcomes.find((o): o is Extract<Outcome, { kind: 'sent' }> => o.kind === 'sent')?.id ?? `push:${deps.key}`;
    return { providerMessageId: id, state: 'sent', summary };
  }
  // Nobody reached and nothing left to retry.
  if (rejected.length === 0 && gone > 0) throw new NotificationSendError('permanent', 'subscription_gone', summary, 410);
  if (rejected.length > 0) throw new NotificationSendError('permanent', 'rejected', summary, rejected[0]!.error.providerCode);
  throw new NotificationSendError('permanent', 'subscription_gone', `${summary}: no push subscription left`);
}
