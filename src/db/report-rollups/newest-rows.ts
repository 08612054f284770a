import type { mongo } from 'mongoose';
import { insertIgnoringDuplicates } from '../connection.js';

type Doc = Record<string, unknown>;

/**
 * Inserts rows of insert-only rollup collections (each row keyed `group#n`, the group's newest being its
 * highest n) and drops the stored rows of the same groups that are now older than the newest.
 * `stored` is what the caller read of `scope` before (`_id`, the group field and `n`); rows another folder
 * inserted since stay until a later store sees them. The delete names `scope` beside the ids because
 * FerretDB 1.x pushes an equality down, while `_id: {$in}` alone scans and decodes the whole collection.
 */
export async function insertNewestRows(collection: mongo.Collection<Doc>, scope: mongo.Filter<Doc>, group: string, stored: Doc[], rows: Doc[]): Promise<void> {
  await insertIgnoringDuplicates((docs) => collection.insertMany(docs as Doc[], { ordered: false }), rows);
  const newest = new Map<string, number>();
  for (const row of [...stored, ...rows]) {
    const key = row[group] as string;
    newest.set(key, Math.max(newest.get(key) ?? -1, row.n as number));
  }
  const superseded = stored.filter((s) => (s.n as number) < newest.get(s[group] as string)!).map((s) => s._id);
  if (superseded.length) await collection.deleteMany({ ...scope, _id: { $in: superseded } } as mongo.Filter<Doc>);
}
