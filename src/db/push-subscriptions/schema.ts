import { Schema } from 'mongoose';

/** Browser push subscriptions made on an order's tracking page (the push channel sends to them). */
export const pushSubscriptionSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    endpoint: { type: String, required: true },
    keys: { p256dh: { type: String, required: true }, auth: { type: String, required: true } },
    createdAt: { type: Date, required: true },
    /**
     * Idempotency keys of the messages the push service accepted for this subscription: a retried delivery
     * (another subscription of the order was unreachable) skips the browsers that have the message already.
     */
    deliveredKeys: { type: [String], default: undefined },
  },
  { collection: 'push_subscriptions', versionKey: false },
);
pushSubscriptionSchema.index({ orderCode: 1, endpoint: 1 }, { unique: true });
