import { ApplicationFailure } from '@temporalio/activity';
import type { Customer, CustomerRepository } from '../src/db/customers/repository.js';
import type { NotificationPreferenceRepository } from '../src/db/notification-preferences/repository.js';
import type { NotificationRecord } from '../src/db/notifications/repository.js';
import type { OrderRecord } from '../src/db/orders/order-record.js';
import type { OrderRepository } from '../src/db/orders/repository.js';
import type { PushSubscriptionRepository, StoredPushSubscriptionRecord } from '../src/db/push-subscriptions/repository.js';
import { decideNotification, type EffectivePreferences, type NotificationDecision } from '../src/domain/notification-decision.js';
import type { NotificationTrigger } from '../src/domain/notification-policy.js';
import type { ChannelRegistry } from '../src/notifications/all.js';
import type { SendReceipt } from '../src/notifications/channel.js';
import { renderEmail, renderSms } from '../src/notifications/templates/index.js';
import type { Logger } from '../src/observability/logger.js';
import { PERMANENT_SEND_FAILURE } from '../workflows/notification-messages.js';
import { effectivePreferences, messageContext, type MessageSettings } from './notification-context.js';
import { deliverPush } from './push-delivery.js';

/** What deciding and sending a customer message reads and uses (a subset of the notify activities' deps). */
export interface MessageDeps {
  orders: OrderRepository;
  customers: CustomerRepository;
  preferences: NotificationPreferenceRepository;
  pushSubscriptions: PushSubscriptionRepository;
  channels: ChannelRegistry;
  settings: MessageSettings;
  logger: Logger;
  now: () => Date;
}

/** The order, its customer and the customer's standing choice: read once for every message of the order. */
export interface OrderFacts {
  order: OrderRecord;
  customer: Customer;
  prefs: EffectivePreferences & { language: string };
  optOuts: readonly string[];
  /** Browsers subscribed on the tracking page; listed only when a push message is decided, and sent to from this list. */
  pushSubscriptions?: StoredPushSubscriptionRecord[];
}

/**
 * Reads an order's facts (three reads, plus the push subscriptions when `withPush`; two when the caller has
 * the order as it just wrote it, `known`); null when the order or customer is gone.
 */
export async function readOrderFacts(deps: MessageDeps, orderCode: string, withPush: boolean, known?: OrderRecord): Promise<OrderFacts | null> {
  const order = known ?? (await deps.orders.findByCode(orderCode));
  const customer = order ? await deps.customers.findById(order.customerId) : null;
  if (!order || !customer) return null;
  // One read for both: the same document (it was read twice per decision, twice per message).
  const standing = await deps.preferences.findWithOptOuts(customer.id);
  return {
    order,
    customer,
    prefs: effectivePreferences(order, standing.preferences),
    optOuts: standing.optOuts,
    ...(withPush ? { pushSubscriptions: await deps.pushSubscriptions.listForOrder(order.code) } : {}),
  };
}

/** Decides one message from what is stored now: preferences, opt-outs and contact details may change until the send. */
export function decideMessage(deps: MessageDeps, request: NotificationRecord, facts: OrderFacts | null): NotificationDecision {
  if (!facts) return { send: false, reason: 'order or customer not found' };
  return decideNotification({
    trigger: request.trigger as NotificationTrigger,
    channel: request.channel,
    prefs: facts.prefs,
    optOuts: facts.optOuts,
    hasEmail: Boolean(facts.customer.email),
    hasPhone: Boolean(facts.customer.phone),
    pushSubscriptions: facts.pushSubscriptions?.length ?? 0,
    configuredChannels: deps.channels.available,
    failover: request.failoverOf !== undefined,
    nowMs: deps.now().getTime(),
  });
}

/** A provider's receipt; `detail` is what the log keeps beside it (push: what happened per browser). */
export type MessageReceipt = SendReceipt & { detail?: string };

/** Renders and hands one message to its provider. `lastAttempt`: push counts a partial delivery as sent. */
export async function sendMessage(deps: MessageDeps, request: NotificationRecord, facts: OrderFacts, lastAttempt: boolean): Promise<MessageReceipt> {
  const { order, customer, prefs } = facts;
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
        ...(facts.pushSubscriptions ? { listed: facts.pushSubscriptions } : {}),
        lastAttempt,
        logger: deps.logger,
      });
      return { providerMessageId: result.providerMessageId, state: result.state, detail: result.summary };
    }
    default:
      throw ApplicationFailure.nonRetryable(`unknown channel ${String(request.channel)}`, PERMANENT_SEND_FAILURE);
  }
}

/** What the log keeps as the delivery state: Twilio's state for an SMS, how many browsers have a push. */
export function deliveryStateOf(request: NotificationRecord, receipt: MessageReceipt): string | undefined {
  return request.channel === 'sms' ? receipt.state : receipt.detail;
}
