import type { PushContent } from '../templates/template-types.js';

/** A browser's push subscription as `PushSubscription.toJSON()` gives it (stored per customer/order). */
export interface StoredPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** One web-push notification to send. */
export interface PushMessage {
  /** Idempotency key (`notify:<order>:<trigger>:push`). */
  key: string;
  subscription: StoredPushSubscription;
  content: PushContent;
  /** How long the push service keeps it for an offline device (default 24 h: news older than that is stale). */
  ttlSeconds?: number;
  urgency?: 'very-low' | 'low' | 'normal' | 'high';
}
