import type { Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { pushSubscriptionSchema } from './schema.js';

/** A browser's push subscription, as the Push API's `PushSubscription.toJSON()` gives it. */
export interface PushSubscriptionRecord {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** A stored subscription with the messages it already received (by idempotency key). */
export interface StoredPushSubscriptionRecord extends PushSubscriptionRecord {
  deliveredKeys: string[];
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

    async listForOrder(orderCode: string): Promise<StoredPushSubscriptionRecord[]> {
      const docs = await Subscriptions.find({ orderCode }).sort({ createdAt: 1, endpoint: 1 }).lean();
      return docs.map((d) => ({ endpoint: d.endpoint, keys: { p256dh: d.keys!.p256dh, auth: d.keys!.auth }, deliveredKeys: d.deliveredKeys ?? [] }));
    },

    /** Records that the push service accepted message `key` for this subscription. */
    async markDelivered(orderCode: string, endpoint: string, key: string): Promise<void> {
      await Subscriptions.updateOne({ orderCode, endpoint }, { $addToSet: { deliveredKeys: key } });
    },

    /** Deletes a subscription the push service called gone (404/410): the browser dropped it. */
    async remove(orderCode: string, endpoint: string): Promise<boolean> {
      return (await Subscriptions.deleteOne({ orderCode, endpoint })).deletedCount > 0;
    },
  };
}

export type PushSubscriptionRepository = ReturnType<typeof createPushSubscriptionRepository>;
