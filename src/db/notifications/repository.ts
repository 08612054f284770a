import type { Connection } from 'mongoose';
import type { NotificationRequest } from '../../domain/notification-policy.js';
import { insertIgnoringDuplicates } from '../connection.js';
import { modelFor } from '../model.js';
import { toPlain } from '../to-plain.js';
import { notificationSchema } from './schema.js';

export interface NotificationRecord {
  key: string;
  orderCode: string;
  trigger: string;
  channel: 'email' | 'sms' | 'push';
  status: 'requested' | 'sending' | 'sent' | 'failed' | 'skipped';
  requestedAt: string;
  attempts: number;
  sentAt?: string;
  error?: string;
}

/** The notification log; its unique key is the idempotency guard for every message. */
export function createNotificationRepository(connection: Connection) {
  const Notifications = modelFor(connection, 'Notification', notificationSchema);
  return {
    /**
     * Records requests in one unordered insert (a milestone often asks for email and SMS at once); ones
     * already recorded (same key) are left as they are. Returns the newly recorded keys.
     */
    async recordRequests(orderCode: string, revision: number, requests: NotificationRequest[], at: Date): Promise<string[]> {
      // Built to the schema, defaults included, for the driver's collection: a revision's writes run for
      // every accepted carrier event, and mongoose's document building is CPU the worker needs.
      const docs = requests.map((r) => ({ key: r.key, orderCode, trigger: r.trigger, channel: r.channel, status: 'requested', requestedAt: at, revision, attempts: 0 }));
      const skipped = await insertIgnoringDuplicates((d) => Notifications.collection.insertMany(d, { ordered: false }), docs);
      return docs.filter((_, i) => !skipped.has(i)).map((d) => d.key);
    },

    async listForOrder(orderCode: string): Promise<NotificationRecord[]> {
      const docs = await Notifications.find({ orderCode }).sort({ requestedAt: 1, key: 1 }).lean();
      return docs.map((d) => toPlain<NotificationRecord>(d)!);
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
