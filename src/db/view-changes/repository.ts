import type { Connection } from 'mongoose';
import { modelFor } from '../model.js';
import { findWrittenSince, writtenStamp } from '../written-since.js';
import { viewChangeSchema } from './schema.js';

export const VIEW_CHANGE_RETENTION_MS = 3_600_000;

/** Changes to orders' tracking views that carry no revision (see schema.ts), for the view caches. */
export function createViewChangeRepository(connection: Connection) {
  const Changes = modelFor(connection, 'ViewChange', viewChangeSchema);
  return {
    async note(orderCode: string, kind: 'preferences' | 'feedback'): Promise<void> {
      await Changes.collection.insertOne({ orderCode, kind, ...writtenStamp(new Date()) });
    },

    /** Every change written after `since` (epoch ms). */
    async writtenSince(since: number): Promise<{ orderCode: string; at: number }[]> {
      const docs = await findWrittenSince(Changes.collection, since, { _id: 0, orderCode: 1 });
      return docs.map((d) => ({ orderCode: d.orderCode as string, at: (d.writtenAt as Date).getTime() }));
    },

    async prune(now: Date, retentionMs = VIEW_CHANGE_RETENTION_MS): Promise<number> {
      const { deletedCount } = await Changes.collection.deleteMany({ writtenAt: { $lt: new Date(now.getTime() - retentionMs) } });
      return deletedCount;
    },
  };
}

export type ViewChangeRepository = ReturnType<typeof createViewChangeRepository>;
