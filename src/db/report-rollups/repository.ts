import type { Connection } from 'mongoose';
import { insertIgnoringDuplicates } from '../connection.js';
import { insertCombined } from '../insert-combiner.js';
import { bucketId, contributionKey, type Bucket, type Contribution } from './contribution.js';
import { bucketOf, CONTRIBUTIONS, createDailyRows, DAILY, type DailyRow } from './daily-rows.js';
import { createPeriodRows, PERIODS, type PeriodLevel, type PeriodScope } from './period-rows.js';
import { foldContributions } from './rollup-totals.js';

export { CONTRIBUTIONS, DAILY, PERIODS };
export type { DailyRow };
/** Buckets with contributions not folded yet: one insert-only mark per write, deleted by the folder once folded. */
export const DIRTY = 'report_dirty';

/** The indexes the rollup reads by: equalities only, which every MongoDB-wire server (FerretDB 1.x too) pushes down. */
export const ROLLUP_INDEXES: { collection: string; keys: Record<string, 1> }[] = [
  { collection: CONTRIBUTIONS, keys: { b: 1 } },
  { collection: CONTRIBUTIONS, keys: { day: 1 } },
  { collection: DAILY, keys: { day: 1, carrierId: 1 } },
  { collection: DAILY, keys: { w: 1 } },
  { collection: DAILY, keys: { m: 1 } },
  { collection: DAILY, keys: { b: 1 } },
  { collection: PERIODS, keys: { p: 1, carrierId: 1 } },
  { collection: PERIODS, keys: { u: 1 } },
];

/** One read a report makes: a span's rows at a scope. Day-level lane rows are `report_daily`'s. */
export interface RollupRead {
  level: PeriodLevel;
  key: string;
  scope: PeriodScope;
}

type Doc = Record<string, unknown>;

/** The collection and filter of a read (explain test, benchmark). */
export function rollupReadFilter(read: RollupRead, carrierId?: string): { collection: string; filter: Doc } {
  if (read.level === 'd' && read.scope === 'lane') return { collection: DAILY, filter: carrierId ? { day: read.key, carrierId } : { day: read.key } };
  return { collection: PERIODS, filter: { p: `${read.level}${read.key}/${read.scope}`, ...(carrierId ? { carrierId } : {}) } };
}

/** A month's first day, so that a month row groups like the day it starts. */
const spanStart = (read: RollupRead) => (read.level === 'm' ? `${read.key}-01` : read.key);

/**
 * The report rollup. Writers insert contributions (insert-only, unique keys: a retry adds nothing) and a
 * dirty mark for their bucket; that is all they pay. The folder (report-folder.ts) folds marked buckets
 * into `report_daily` and their day, week and month into `report_periods`, off the write path. Reports
 * read the folded rows, so they trail the writers by the folder's interval (seconds).
 */
export function createReportRollupRepository(connection: Connection) {
  const db = () => connection.db!;
  const contributions = () => db().collection(CONTRIBUTIONS);
  const daily = createDailyRows(connection);
  const periods = createPeriodRows(connection);
  const contributionDocs = (items: { bucket: Bucket; c: Contribution }[]) => items.map(({ bucket, c }) => ({ _id: contributionKey(c), b: bucketId(bucket), day: bucket.day, ...c }));

  return {
    daily,
    periods,

    async ensureIndexes(): Promise<void> {
      for (const index of ROLLUP_INDEXES) await db().collection(index.collection).createIndex(index.keys);
    },

    /** Adds contributions to one bucket (keys already there are skipped) and marks it for the folder. */
    async contribute(bucket: Bucket, items: Contribution[]): Promise<void> {
      await insertCombined(connection, contributions(), contributionDocs(items.map((c) => ({ bucket, c }))));
      // After the contributions: a folder that reads this mark reads them too. A fresh id per write, so a
      // mark the folder is about to delete never stands for a contribution it did not see.
      await insertCombined(connection, db().collection(DIRTY), [{ b: bucketId(bucket), day: bucket.day }]);
    },

    /** Inserts many contributions (backfill, benchmark seed): skips keys already there, marks and folds nothing. */
    async insertMany(items: { bucket: Bucket; c: Contribution }[]): Promise<void> {
      await insertIgnoringDuplicates((docs) => contributions().insertMany(docs as Doc[], { ordered: false }), contributionDocs(items));
    },

    /** Up to `limit` dirty marks: their ids and the buckets they name. */
    async dirtyMarks(limit: number): Promise<{ ids: unknown[]; buckets: Bucket[] }> {
      const marks = await db().collection(DIRTY).find({}, { limit }).toArray();
      const buckets = new Map<string, Bucket>();
      for (const m of marks) buckets.set(m.b as string, bucketOf(m.day as string, m.b as string));
      return { ids: marks.map((m) => m._id), buckets: [...buckets.values()] };
    },

    /** Deletes the marks a folder read, once what they stand for is folded (marks written since stay). */
    async clearMarks(ids: unknown[]): Promise<void> {
      for (let i = 0; i < ids.length; i += 500) await db().collection(DIRTY).deleteMany({ _id: { $in: ids.slice(i, i + 500) } as never });
    },

    /** The rows of one span at a scope, each with the first day of its span (how groupings place it). */
    async read(read: RollupRead, carrierId?: string): Promise<DailyRow[]> {
      if (read.level === 'd' && read.scope === 'lane') return daily.newest('day', read.key, carrierId);
      const day = spanStart(read);
      return (await periods.read(read.level, read.key, read.scope, carrierId)).map((r) => ({ day, carrierId: r.carrierId, country: r.country, n: r.n, totals: r.totals }));
    },

    /** A day's contributions folded per bucket, only orders placed in `[from, to)`: for a period's partial edge days. */
    async foldPartialDay(day: string, window: { from: number; to: number }, carrierId?: string): Promise<DailyRow[]> {
      const rows: DailyRow[] = [];
      for (const [id, list] of await daily.dayContributions(day)) {
        const bucket = bucketOf(day, id);
        if (!carrierId || bucket.carrierId === carrierId) rows.push({ ...bucket, n: list.length, totals: foldContributions(list, window) });
      }
      return rows;
    },

    /** Explain output of each read (tests, benchmark); a partial day reads `{day}` on the contributions. */
    async explain(reads: (RollupRead | { partialDay: string })[], carrierId?: string): Promise<{ name: string; plan: Doc }[]> {
      return Promise.all(
        reads.map(async (r) => {
          const { collection, filter } = 'partialDay' in r ? { collection: CONTRIBUTIONS, filter: { day: r.partialDay } } : rollupReadFilter(r, carrierId);
          const name = 'partialDay' in r ? `contributions of ${r.partialDay} (partial day)` : `${r.level}${r.key}/${r.scope}${carrierId ? ` (${carrierId})` : ''}`;
          return { name, plan: (await db().collection(collection).aggregate([{ $match: filter }]).explain()) as Doc };
        }),
      );
    },
  };
}

export type ReportRollupRepository = ReturnType<typeof createReportRollupRepository>;
