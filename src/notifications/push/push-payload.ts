import { renderPush } from '../templates/render-push.js';
import type { CustomerMessageContext, MessageKind } from '../templates/template-types.js';
import type { PushMessage, StoredPushSubscription } from './push-message.js';

type Urgency = NonNullable<PushMessage['urgency']>;

const HOUR = 3600;

/**
 * How long a push service keeps a message for an offline browser, and how hard it may wake the device
 * (RFC 8030 TTL and Urgency). News the customer must act on today (out for delivery, a missed attempt, a
 * problem) is `high` and short-lived: "out for delivery" seen tomorrow is wrong. The rest is `normal` and
 * keeps a day or two; a parcel waiting at a pickup point stays news for its hold period.
 */
const DELIVERY: Record<MessageKind, { ttlSeconds: number; urgency: Urgency }> = {
  order_received: { ttlSeconds: 24 * HOUR, urgency: 'low' },
  shipped: { ttlSeconds: 48 * HOUR, urgency: 'normal' },
  out_for_delivery: { ttlSeconds: 12 * HOUR, urgency: 'high' },
  delivery_attempted: { ttlSeconds: 24 * HOUR, urgency: 'high' },
  available_for_pickup: { ttlSeconds: 72 * HOUR, urgency: 'high' },
  exception: { ttlSeconds: 24 * HOUR, urgency: 'high' },
  delivered: { ttlSeconds: 24 * HOUR, urgency: 'normal' },
  returned_to_sender: { ttlSeconds: 48 * HOUR, urgency: 'normal' },
  cancelled: { ttlSeconds: 24 * HOUR, urgency: 'normal' },
  eta_changed: { ttlSeconds: 24 * HOUR, urgency: 'low' },
};

/**
 * The web-push message of one milestone for one browser: title and text from the same per-milestone
 * templates (English, Turkish) as e-mail and SMS, the tracking-page link the service worker opens on click,
 * a tag per order (a newer notification replaces the older one on the device), TTL and urgency.
 */
export function pushMessageFor(key: string, subscription: StoredPushSubscription, ctx: CustomerMessageContext): PushMessage {
  const { ttlSeconds, urgency } = DELIVERY[ctx.kind];
  return {
    key,
    subscription: { endpoint: subscription.endpoint, keys: { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth } },
    content: renderPush(ctx),
    ttlSeconds,
    urgency,
  };
}
