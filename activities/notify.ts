import { ApplicationFailure, Context } from '@temporalio/activity';
import type { CustomerRepository } from '../src/db/customers/repository.js';
import type { NotificationPreferenceRepository } from '../src/db/notification-preferences/repository.js';
import type { NotificationRecord, NotificationRepository } from '../src/db/notifications/repository.js';
import type { OrderRepository } from '../src/db/orders/repository.js';
import type { PushSubscriptionRepository } from '../src/db/push-subscriptions/repository.js';
import { decideNotification, type NotificationDecision } from '../src/domain/notification-decision.js';
import type { NotificationTrigger } from '../src/domain/notification-policy.js';
import type { ChannelRegistry } from '../src/notifications/all.js';
import type { SendReceipt } from '../src/notifications/channel.js';
import { isNotificationSendError } from '../src/notifications/send-error.js';
import { renderEmail, renderSms } from '../src/notifications/templates/index.js';
import type { Logger } from '../src/observability/logger.js';
import { NOTIFY_MAX_ATTEMPTS, PERMANENT_SEND_FAILURE, type DeliveryOutcome, type PreparedNotification } from '../workflows/notification-messages.js';
import { effectivePreferences, messageContext, type MessageSettings } from './notification-context.js';
import { createFailoverActivities } from './notify-failover.js';
import { deliverPush } from './push-delivery.js';

export interface NotifyActivityDeps {
  notifications: NotificationRepository;
  orders: OrderRepository;
  customers: CustomerRepository;
  preferences: NotificationPreferenceRepository;
  /** Browsers subscribed on the order's tracking page (the push channel's recipients). */
  pushSubscriptions: PushSubscriptionRepository;
  channels: ChannelRegistry;
  settings: MessageSettings;
  /** Starts the NotificationWorkflow of a key (idempotent); absent where no Temporal client is given. */
  startNotification?: (key: string) => Promise<void>;
  logger: Logger;
  now: () => Date;
}

const ENDED = new Set(['sent', 'failed', 'skipped']);

/** The activities of one NotificationWorkflow: decide, deliver, fail over. Addresses never leave them. */
export function createNotifyActivities(deps: NotifyActivityDeps) {
  async function load(key: string) {
    const request = await deps.notifications.find(key);
    if (!request) throw ApplicationFailure.nonRetryable(`no notification request ${key}`, 'UnknownNotification');
    const order = await deps.orders.findByCode(request.orderCode);
    const customer = order ? await deps.customers.findById(order.customerId) : null;
    return { request, order, customer };
  }

  /** Decides from what is stored now: preferences, opt-outs and contact details may change until the send. */
  async function decide(key: string) {
    const { request, order, customer } = await load(key);
    if (!order || !customer) return { request, decision: { send: false, reason: 'order or customer not found' } as NotificationDecision };
    // One read for both: the same document (it was read twice per decision, twice per message).
    const standing = await deps.preferences.findWithOptOuts(customer.id);
    const prefs = effectivePreferences(order, standing.preferences);
    const decision = decideNotification({
      trigger: request.trigger as NotificationTrigger,
      channel: request.channel,
      prefs,
      optOuts: standing.optOuts,
      hasEmail: Boolean(customer.email),
      hasPhone: Boolean(customer.phone),
      pushSubscriptions: request.channel === 'push' ? await deps.pushSubscriptions.countForOrder(order.code) : 0,
      configuredChannels: deps.channels.available,
      failover: request.failoverOf !== undefined,
      nowMs: deps.now().getTime(),
    });
    return { request, order, customer, prefs, decision };
  }

  /** A provider's receipt; `detail` is what the log keeps beside it (push: what happened per browser). */
  async function send(request: NotificationRecord, ctx: Awaited<ReturnType<typeof decide>>): Promise<SendReceipt & { detail?: string }> {
    const { order, customer, prefs } = ctx;
    if (!order || !customer || !prefs) throw new Error('send without an order');
    const content = messageContext(deps.settings, order, customer, request.trigger as NotificationTrigger, request.channel, prefs);
    switch (request.channel) {
      case 'email':
        return deps.channels.get('email')!.send({ key: request.key, to: customer.email, content: renderEmail(content), unsubscribeUrl: content.unsubscribeUrl, language: content.language });
      case 'sms':
        return deps.channels.get('sms')!.send({ key: request.key, to: customer.phone!, body: renderSms(content).body });
      case 'push': {
        const result = await deliverPush({
          key: request.key,
          orderCode: order.code,
          context: content,
          channel: deps.channels.get('push')!,
          subscriptions: deps.pushSubscriptions,
          lastAttempt: Context.current().info.attempt >= NOTIFY_MAX_ATTEMPTS,
          logger: deps.logger,
        });
        return { providerMessageId: result.providerMessageId, state: result.state, detail: result.summary };
      }
      default:
        throw ApplicationFailure.nonRetryable(`unknown channel ${String(request.channel)}`, PERMANENT_SEND_FAILURE);
    }
  }

  return {
    async prepareNotification(key: string): Promise<PreparedNotification> {
      const ctx = await decide(key);
      if (ENDED.has(ctx.request.status)) return { action: 'done' };
      if (!ctx.decision.send) {
        await deps.notifications.markSkipped(key, ctx.decision.reason, deps.now());
        return { action: 'skip' };
      }
      const delayMs = Math.max(0, ctx.decision.notBeforeMs - deps.now().getTime());
      if (delayMs > 0) await deps.notifications.setNotBefore(key, new Date(ctx.decision.notBeforeMs), deps.now());
      return { action: 'send', notBeforeMs: ctx.decision.notBeforeMs, delayMs };
    },

    async deliverNotification(key: string): Promise<DeliveryOutcome> {
      const ctx = await decide(key);
      const { request, decision } = ctx;
      if (request.status === 'sent') return { outcome: 'sent', providerMessageId: request.providerMessageId ?? '' };
      if (ENDED.has(request.status)) return { outcome: 'skipped', reason: `already ${request.status}` };
      // Re-checked at send time: a STOP or an unsubscribe during quiet hours is honoured.
      if (!decision.send) {
        await deps.notifications.markSkipped(key, decision.reason, deps.now());
        return { outcome: 'skipped', reason: decision.reason };
      }
      await deps.notifications.markSending(key, deps.now());
      let receipt: SendReceipt & { detail?: string };
      try {
        receipt = await send(request, ctx);
      } catch (error) {
        throw await failureOf(key, error);
      }
      // SMS: Twilio's state, moved on by status callbacks; push: how many browsers have it.
      const deliveryState = request.channel === 'sms' ? receipt.state : receipt.detail;
      await deps.notifications.markSent(key, receipt.providerMessageId, deliveryState, deps.now());
      deps.logger.info('notification sent', { key, providerMessageId: receipt.providerMessageId });
      return { outcome: 'sent', providerMessageId: receipt.providerMessageId };
    },

    /** Ends a request whose deliveries ran out (or timed out on the last attempt). */
    async markNotificationGaveUp(key: string, lastError: string): Promise<void> {
      const request = await deps.notifications.find(key);
      if (!request || ENDED.has(request.status)) return;
      await deps.notifications.markFailed(key, `gave up after ${request.attempts} attempts: ${lastError}`, deps.now());
    },

    ...createFailoverActivities(deps),
  };

  /** The failure to throw: permanent → failed now, no retry; transient → retried, failed on the last attempt. */
  async function failureOf(key: string, error: unknown): Promise<Error> {
    if (error instanceof ApplicationFailure) {
      await deps.notifications.markFailed(key, error.message, deps.now());
      return error;
    }
    if (!isNotificationSendError(error)) throw error;
    const reason = `${error.reason}: ${error.message}`;
    if (error.kind === 'permanent') {
      await deps.notifications.markFailed(key, reason, deps.now());
      return ApplicationFailure.create({ type: PERMANENT_SEND_FAILURE, message: reason, nonRetryable: true });
    }
    const attempt = Context.current().info.attempt;
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
