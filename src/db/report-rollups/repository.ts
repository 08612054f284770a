import type { Connection } from 'mongoose';
import { insertIgnoringDuplicates, isDuplicateKeyError } from '../connection.js';
import { bucketId, contributionKey, type Bucket, type Contribution } from './contribution.js';
import { decodeTotals, encodeTotals } from './rollup-codec.js';
import { foldContributions, type RollupTotals } from './rollup-totals.js';

export const CONTRIBUTIONS = 'report_contributions';
export const DAILY = 'report_daily';

/** The indexes the rollup reads by: equalities only, which every MongoDB-wire server (FerretDB 1.x too) pushes down. */
export const ROLLUP_INDEXES: { collection: string; keys: Record<string, 1> }[] = [
  { collection: CONTRIBUTIONS, keys: { b: 1 } },
  { collection: CONTRIBUTIONS, keys: { day: 1 } },
  { collection: DAILY, keys: { day: 1, carrierId: 1 } },
  { collection: DAILY, keys: { b: 1 } },
];

/** One bucket's folded totals as of `n` contributions. */
export interface DailyRow extends Bucket {
  n: number;
  totals: RollupTotals;
}

type Doc = Record<string, unknown>;
const CONTRIBUTION_FIELDS = { _id: 0, k: 1, o: 1, t: 1, d: 1, r: 1, s: 1, dl: 1, sh: 1, to: 1, n: 1, ch: 1, st: 1, v: 1 };

/** The rollup's reads as named filters, for the explain test and the benchmark. */
export function rollupReads(days: string[], carrierId?: string): { name: string; collection: string; filter: Doc }[] {
  return days.map((day) => ({ name: `daily rows of ${day}${carrierId ? ` (${carrierId})` : ''}`, collection: DAILY, filter: carrierId ? { day, carrierId } : { day } }));
}

/**
 * The report rollup. Writers insert contributions (insert-only, unique keys) and then re-fold their
 * bucket from all its contributions into a new `report_daily` row keyed `bucket#n`, n being how many
 * contributions it folds. Nothing is ever incremented or updated in place: FerretDB 1.x loses one of two
 * concurrent updates of a document, and a unique insert is the one write it keeps exact. Contributions
 * are only ever added, so a later fold of a bucket holds at least as many as an earlier one; readers take
 * each bucket's row with the highest n, which is the fold of every contribution the last writer saw
 * (its own included). Older rows are deleted once a newer one exists.
 */
export function createReportRollupRepository(connection: Connection) {
  const db = () => connection.db!;
  const contributions = () => db().collection(CONTRIBUTIONS);
  const daily = () => db().collection<Doc>(DAILY);

  /** Stores the fold of `docs`, all of bucket `b`'s contributions as one read saw them, and drops older rows. */
  async function store(b: Bucket, docs: Contribution[]): Promise<void> {
    const id = bucketId(b);
    const n = docs.length;
    try {
      // The totals as one string field: a report reads hundreds of rows, and the wire server's cost is per
      // field it decodes (FerretDB 1.x converts every value of every row from PostgreSQL's JSON).
      await daily().insertOne({ _id: `${id}#${n}` as never, b: id, day: b.day, carrierId: b.carrierId, n, t: JSON.stringify(encodeTotals(foldContributions(docs))) });
    } catch (err) {
      // Another writer folded the same n contributions: the same row.
      if (!isDuplicateKeyError(err)) throw err;
    }
    await daily().deleteMany({ b: id, n: { $lt: n } });
  }

  async function refold(b: Bucket): Promise<void> {
    await store(b, (await contributions().find({ b: bucketId(b) }, { projection: CONTRIBUTION_FIELDS }).toArray()) as unknown as Contribution[]);
  }

  /** A day's contributions grouped by bucket, in one equality read. */
  async function dayContributions(day: string): Promise<Map<string, Contribution[]>> {
    const byBucket = new Map<string, Contribution[]>();
    for (const d of await contributions().find({ day }, { projection: { ...CONTRIBUTION_FIELDS, b: 1 } }).toArray()) {
      const list = byBucket.get(d.b as string);
      if (list) list.push(d as unknown as Contribution);
      else byBucket.set(d.b as string, [d as unknown as Contribution]);
    }
    return byBucket;
  }

  const bucketOf = (day: string, id: string): Bucket => {
    const [, carrierId, country] = id.split('|');
    return { day, carrierId: carrierId!, country: country ?? '' };
  };

  return {
    async ensureIndexes(): Promise<void> {
      for (const index of ROLLUP_INDEXES) await db().collection(index.collection).createIndex(index.keys);
    },

    /** Adds contributions to one bucket (keys already there are skipped) and re-folds it. */
    async contribute(bucket: Bucket, items: Contribution[]): Promise<void> {
      const b = bucketId(bucket);
      await insertIgnoringDuplicates(
        (docs) => contributions().insertMany(docs as Doc[], { ordered: false }),
        items.map((c) => ({ _id: contributionKey(c), b, day: bucket.day, ...c })),
      );
      await refold(bucket);
    },

    /** Inserts many contributions (backfill): skips keys already there, folds nothing. */
    async insertMany(items: { bucket: Bucket; c: Contribution }[]): Promise<void> {
      await insertIgnoringDuplicates(
        (docs) => contributions().insertMany(docs as Doc[], { ordered: false }),
        items.map(({ bucket, c }) => ({ _id: contributionKey(c), b: bucketId(bucket), day: bucket.day, ...c })),
      );
    },

    /** Re-folds every bucket of a day from its contributions, read once (backfill, repair). Returns the buckets. */
    async refoldDay(day: string): Promise<number> {
      const byBucket = await dayContributions(day);
      for (const [id, list] of byBucket) await store(bucketOf(day, id), list);
      return byBucket.size;
    },

    /** The newest row of each bucket of these days (one equality read per day). */
    async readDays(days: string[], carrierId?: string): Promise<DailyRow[]> {
      const newest = new Map<string, Doc>();
      await Promise.all(
        rollupReads(days, carrierId).map(async (read) => {
          for (const doc of await daily().find(read.filter, { projection: { _id: 0, b: 1, n: 1, t: 1 } }).toArray()) {
            const seen = newest.get(doc.b as string);
            if (!seen || (seen.n as number) < (doc.n as number)) newest.set(doc.b as string, doc);
          }
        }),
      );
      return [...newest.values()].map((d) => {
        const [day, carrierId, country] = (d.b as string).split('|');
        return { day: day!, carrierId: carrierId!, country: country ?? '', n: d.n as number, totals: decodeTotals(JSON.parse(d.t as string) as Doc) };
      });
    },

    /** A day's contributions folded per bucket, only orders placed in `[from, to)`: for a period's partial edge days. */
    async foldPartialDay(day: string, window: { from: number; to: number }, carrierId?: string): Promise<DailyRow[]> {
      const rows: DailyRow[] = [];
      for (const [id, list] of await dayContributions(day)) {
        const bucket = bucketOf(day, id);
        if (!carrierId || bucket.carrierId === carrierId) rows.push({ ...bucket, n: list.length, totals: foldContributions(list, window) });
      }
      return rows;
    },

    /** Explain output of each read a report of these days runs (tests, benchmark). */
    async explain(days: string[], carrierId?: string): Promise<{ name: string; plan: Doc }[]> {
      const reads = [...rollupReads(days, carrierId), { name: `contributions of ${days[0]} (partial edge day)`, collection: CONTRIBUTIONS, filter: { day: days[0] } }];
      return Promise.all(reads.map(async (r) => ({ name: r.name, plan: (await db().collection(r.collection).aggregate([{ $match: r.filter }]).explain()) as Doc })));
    },
  };
}

export type ReportRollupRepository = ReturnType<typeof createReportRollupRepository>;
