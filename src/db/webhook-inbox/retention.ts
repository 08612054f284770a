import { Types, type Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { webhookInboxSchema, webhookRelayReceiptSchema } from './schema.js';

/** Receipts read, and their entries deleted, per round. */
const CHUNK = 500;

/**
 * Retention of the webhook inbox: every verified webhook is kept with its raw body, which the audit log
 * points at (`inboxId`), so without retention the inbox grows by every carrier scan forever.
 */
export function createInboxRetention(connection: Connection) {
  const Inbox = modelFor(connection, 'WebhookInbox', webhookInboxSchema);
  const Receipts = modelFor(connection, 'WebhookRelayReceipt', webhookRelayReceiptSchema);

  return {
    /**
     * Deletes the entries received before `before` whose relay is settled: relayed (by their status, or a
     * stored entry by its receipt), unmatched or discarded; their receipts go with them. An entry still to relay
     * (stored without a receipt, pending, retry) stays whatever its age: nothing accepted is lost to
     * retention. Ages come from the ObjectIds (their creation second), so the deletes walk the `_id`
     * index and the inbox needs no index of its own for them. Returns how many entries were deleted.
     */
    async purgeSettled(before: Date): Promise<number> {
      const cutoff = Types.ObjectId.createFromTime(Math.floor(before.getTime() / 1000));
      let deleted = (await Inbox.collection.deleteMany({ _id: { $lt: cutoff }, status: { $in: ['relayed', 'unmatched', 'discarded'] } })).deletedCount;
      let after: Types.ObjectId | undefined;
      for (;;) {
        const receipts = await Receipts.collection
          .find({ _id: after ? { $gt: after, $lt: cutoff } : { $lt: cutoff } }, { projection: { _id: 1 } })
          .sort({ _id: 1 })
          .limit(CHUNK)
          .toArray();
        if (receipts.length === 0) return deleted;
        const ids = receipts.map((r) => r._id as Types.ObjectId);
        after = ids[ids.length - 1];
        deleted += (await Inbox.collection.deleteMany({ _id: { $in: ids }, status: 'stored' })).deletedCount;
        // A receipt whose entry is still there (in any other state) is kept with it.
        const kept = new Set((await Inbox.collection.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)));
        const settled = ids.filter((id) => !kept.has(String(id)));
        if (settled.length > 0) await Receipts.collection.deleteMany({ _id: { $in: settled } });
        if (receipts.length < CHUNK) return deleted;
      }
    },
  };
}

export type InboxRetention = ReturnType<typeof createInboxRetention>;
