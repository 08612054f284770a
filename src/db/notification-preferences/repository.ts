import type { Connection } from 'mongoose';
import type { NotificationPreferencesRecord } from '../orders/order-record.js';
import { modelFor } from '../model.js';
import { notificationPreferenceSchema } from './schema.js';

type Channel = 'email' | 'sms' | 'push';

/** Customers' notification preferences (NotificationPreference, 1:1 with Customer). */
export function createNotificationPreferenceRepository(connection: Connection) {
  const Preferences = modelFor(connection, 'NotificationPreference', notificationPreferenceSchema);
  type Doc = NonNullable<Awaited<ReturnType<typeof findDoc>>>;
  const findDoc = (customerId: string) => Preferences.findOne({ customerId }).lean();
  /** The standing choice in a document; a document made by an opt-out alone (no choice saved) is none. */
  const choiceOf = (doc: Doc | null): NotificationPreferencesRecord | null => {
    if (!doc || (doc.channels.length === 0 && doc.chosen !== true)) return null;
    return {
      channels: doc.channels,
      ...(doc.triggers?.length ? { triggers: doc.triggers } : {}),
      language: doc.language ?? 'en',
      ...(doc.timeZone ? { timeZone: doc.timeZone } : {}),
      ...(doc.quietHours?.start && doc.quietHours.end ? { quietHours: { start: doc.quietHours.start, end: doc.quietHours.end } } : {}),
    };
  };
  return {
    async find(customerId: string): Promise<NotificationPreferencesRecord | null> {
      return choiceOf(await findDoc(customerId));
    },

    /** The standing choice and the opt-outs from one read (every send decision needs both). */
    async findWithOptOuts(customerId: string): Promise<{ preferences: NotificationPreferencesRecord | null; optOuts: Channel[] }> {
      const doc = await findDoc(customerId);
      return { preferences: choiceOf(doc), optOuts: (doc?.optOuts ?? []) as Channel[] };
    },

    async save(customerId: string, prefs: NotificationPreferencesRecord): Promise<void> {
      await Preferences.updateOne(
        { customerId },
        { $set: { chosen: true, channels: prefs.channels, triggers: prefs.triggers, language: prefs.language, timeZone: prefs.timeZone, quietHours: prefs.quietHours } },
        { upsert: true },
      );
    },

    /** Channels the customer opted out of (STOP, unsubscribe link). */
    async optOuts(customerId: string): Promise<Channel[]> {
      const doc = await Preferences.findOne({ customerId }, { optOuts: 1 }).lean();
      return (doc?.optOuts ?? []) as Channel[];
    },

    /** Opts the customer out of (or back into) a channel at once; later sends re-read it. */
    async setOptOut(customerId: string, channel: Channel, optedOut: boolean): Promise<void> {
      const change = optedOut ? { $addToSet: { optOuts: channel } } : { $pull: { optOuts: channel } };
      // The upsert's channels: none chosen yet, so a customer created by a STOP has no standing choice.
      await Preferences.updateOne({ customerId }, { ...change, $setOnInsert: { channels: [] } }, { upsert: true });
    },
  };
}

export type NotificationPreferenceRepository = ReturnType<typeof createNotificationPreferenceRepository>;
