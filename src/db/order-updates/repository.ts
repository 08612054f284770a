import type { Connection } from 'mongoose';
import { insertIgnoringDuplicates } from '../connection.js';
import { modelFor } from '../model.js';
import { findWrittenSince, writtenStamp } from '../written-since.js';
import { orderUpdateSchema } from './schema.js';

// Keeps each query's filter small; a process with more watched orders asks in several rounds.
const CODES_PER_QUERY = 500;
export const ORDER_UPDATE_RETENTION_MS = 24 * 3600_000;

/** Appends order revisions and answers the live poller (implements the web layer's OrderUpdateSource). */
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

    /**
     * The newest revision above each cursor's `after`. Cursors are grouped by `after` (pages of one
     * moment mostly share small revision numbers), so the filter is a short `$or` of `$in` lists on the
     * `(orderCode, revision)` index, however many pages are open.
     */
    async newerThan(cursors: readonly { orderCode: string; after: number }[]): Promise<Map<string, number>> {
      const newest = new Map<string, number>();
      for (let i = 0; i < cursors.length; i += CODES_PER_QUERY) {
        const byAfter = new Map<number, string[]>();
        for (const { orderCode, after } of cursors.slice(i, i + CODES_PER_QUERY)) {
          const codes = byAfter.get(after) ?? [];
          codes.push(orderCode);
          byAfter.set(after, codes);
        }
        const filter = { $or: [...byAfter].map(([after, codes]) => ({ orderCode: { $in: codes }, revision: { $gt: after } })) };
        const docs = await Updates.collection.find(filter, { projection: { _id: 0, orderCode: 1, revision: 1 } }).toArray();
        for (const d of docs) {
          const code = d.orderCode as string;
          const rev = d.revision as number;
          if (rev > (newest.get(code) ?? -1)) newest.set(code, rev);
        }
      }
      return newest;
    },
  };
}

export type OrderUpdateRepository = ReturnType<typeof createOrderUpdateRepository>;
