import type { Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { findWrittenSince } from '../written-since.js';
import { orderUpdateSchema } from './schema.js';

export const ORDER_UPDATE_RETENTION_MS = 24 * 3600_000;

/**
 * The order revisions that workers of the previous release append (this release stamps the tracking view
 * instead, src/db/tracking-views): the API still reads and prunes them for one release, so live pages and
 * view caches hear of those workers' revisions during a rolling upgrade. Remove with the next release.
 */
export function createOrderUpdateRepository(connection: Connection) {
  const Updates = modelFor(connection, 'OrderUpdate', orderUpdateSchema);
  return {
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
