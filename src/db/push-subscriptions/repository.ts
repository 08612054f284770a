import type { Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { pushSubscriptionSchema } from './schema.js';

/** A browser's push subscription, as the Push API's `PushSubscription.toJSON()` gives it. */
export interface PushSubscriptionRecord {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Push subscriptions per order; subscribing the same browser again replaces its keys. */
export function createPushSubscriptionRepository(connection: Connection) {
  const Subscriptions = modelFor(connection, 'PushSubscription', pushSubscriptionSchema);
  return {
    async save(orderCode: string, subscription: PushSubscriptionRecord, at: Date): Promise<void> {
      await Subscriptions.updateOne(
        { orderCode, endpoint: subscription.endpoint },
        { $set: { keys: subscription.keys }, $setOnInsert: { orderCode, endpoint: subscription.endpoint, createdAt: at } },
        { upsert: true },
      );
    },

    async listForOrder(orderCode: string): Promise<PushSubscriptionRecord[]> {
      const docs = await Subscriptions.find({ orderCode }).lean();
      return docs.map((d) => ({ endpoint: d.endpoint, keys: { p256dh: d.keys!.p256dh, auth: d.keys!.auth } }));
    },
  };
}

export type PushSubscriptionRepository = ReturnType<typeof createPushSubscriptionRepository>;
