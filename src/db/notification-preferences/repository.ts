import type { Connection } from 'mongoose';
import type { NotificationPreferencesRecord } from '../orders/order-record.js';
import { modelFor } from '../model.js';
import { notificationPreferenceSchema } from './schema.js';

/** Customers' notification preferences (NotificationPreference, 1:1 with Customer). */
export function createNotificationPreferenceRepository(connection: Connection) {
  const Preferences = modelFor(connection, 'NotificationPreference', notificationPreferenceSchema);
  return {
    async find(customerId: string): Promise<NotificationPreferencesRecord | null> {
      const doc = await Preferences.findOne({ customerId }).lean();
      if (!doc) return null;
      return { channels: doc.channels, ...(doc.triggers?.length ? { triggers: doc.triggers } : {}), language: doc.language ?? 'en' };
    },

    async save(customerId: string, prefs: NotificationPreferencesRecord): Promise<void> {
      await Preferences.updateOne(
        { customerId },
        { $set: { channels: prefs.channels, triggers: prefs.triggers, language: prefs.language } },
        { upsert: true },
      );
    },
  };
}

export type NotificationPreferenceRepository = ReturnType<typeof createNotificationPreferenceRepository>;
