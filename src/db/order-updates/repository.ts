import type { Connection } from 'mongoose';
import { insertIgnoringDuplicates } from '../connection.js';
import { modelFor } from '../model.js';
import { findWrittenSince, writtenStamp } from '../written-since.js';
import { orderUpdateSchema } from './schema.js';

export const ORDER_UPDATE_RETENTION_MS = 24 * 3600_000;

/** Appends order revisions, which every API process's view-change feed reads (view caches and live pages). */
export function createOrderUpdateRepository(connection: Connection) {
  const Updates = modelFor(connection, 'OrderUpdate', orderUpdateSchema);
  return {
    /** Idempotent: a replayed projection appends nothing new. */
    async append(orderCode: string, revision: number, at: Date): Promise<void> {
      await insertIgnoringDuplicates((docs) => Updates.collection.insertMany(docs, { ordered: false }), [{ orderCode, revision, at, ...writtenStamp(new Date()) }]);
    },

    /**
     * Every revision written after `since` (epoch ms, by `writtenAt`), for the tracking-view caches of all
     * processes: a few indexed equality reads (one per second of the window), whatever the number of cached
     * orders and the size of the collection.
     */
    async writtenSince(since: number): Promise<{ orderCode: string; revision: number; at: number }[]> {
      const docs = await findWrittenSince(Updates.collection, since, { _id: 0, orderCode: 1, revision: 1 });
      return docs.map((d) => ({ orderCode: d.orderCode as string, revision: d.revision as number, at: (d.writtenAt as Date).getTime() }));
    },

    /** Deletes entries older than the retention (the lead schedules it, e.g. hourly, beside inbox retention). */
    async prune(now: Date, retentionMs = ORDER_UPDATE_RETENTION_MS): Promise<number> {
      const { deletedCount } = await Updates.collection.deleteMany({ at: { $lt: new Date(now.getTime() - retentionMs) } });
      return deletedCount;
    },
  };
}

export type OrderUpdateRepository = ReturnType<typeof createOrderUpdateRepository>;
