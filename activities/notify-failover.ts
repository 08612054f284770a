import type { NotificationRecord, NotificationRepository } from '../src/db/notifications/repository.js';
import { failoverChannel } from '../src/domain/notification-decision.js';
import type { NotificationChannel, NotificationTrigger } from '../src/domain/notification-policy.js';
import type { Logger } from '../src/observability/logger.js';

/** SMS delivery states after which the text did not reach the phone (Twilio's status callback). */
const UNDELIVERED = new Set(['undelivered', 'failed']);

/**
 * Failover for "delivered" and exceptions: the same message on the customer's other channel (email ↔ SMS),
 * as a request of its own under its own key. That key's unique index is what makes it happen once, whatever
 * asked for it first (a permanent send error, an undelivered report, a repeated report).
 */
export function createFailoverActivities(deps: {
  notifications: NotificationRepository;
  startNotification?: (key: string) => Promise<void>;
  logger: Logger;
  now: () => Date;
}) {
  async function failover(request: NotificationRecord): Promise<string | null> {
    const key = request.key;
    const other = failoverChannel(request.channel, request.trigger as NotificationTrigger);
    if (!other) return null;
    const otherKey = key.replace(new RegExp(`:${request.channel}$`), `:${other}`);
    const recorded = await deps.notifications.recordFailover(
      { key: otherKey, orderCode: request.orderCode, trigger: request.trigger as NotificationTrigger, channel: other as NotificationChannel, failoverOf: key },
      deps.now(),
    );
    // Started in either case: a retry after a crash between the insert and the start must still start it
    // (the start is idempotent by key), unless the key was the customer's own choice recorded before.
    const existing = recorded ? null : await deps.notifications.find(otherKey);
    if (!recorded && existing?.failoverOf !== key) return null;
    await deps.startNotification?.(otherKey);
    return otherKey;
  }

  return {
    /** After a permanent send failure of `key` (the NotificationWorkflow calls it). */
    async failoverNotification(key: string): Promise<string | null> {
      const request = await deps.notifications.find(key);
      return request ? failover(request) : null;
    },

    /**
     * After Twilio reported the SMS `key` undelivered or failed (DeliveryFailoverWorkflow): fails over when
     * the stored delivery state says so, so only a verified, recorded report can send the e-mail.
     */
    async failoverUndeliveredNotification(key: string): Promise<string | null> {
      const request = await deps.notifications.find(key);
      if (!request || request.channel !== 'sms' || !UNDELIVERED.has(request.deliveryState ?? '')) return null;
      const next = await failover(request);
      if (next) deps.logger.info('undelivered SMS: failover to the other channel', { key, failover: next, deliveryState: request.deliveryState });
      return next;
    },
  };
}
