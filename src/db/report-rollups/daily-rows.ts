import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '../connection.js';
import { isoWeekKey } from '../../domain/iso-week.js';
import { parseInstant } from '../../domain/instant.js';
import { bucketId, monthOfDay, type Bucket, type Contribution } from './contribution.js';
import { insertNewestRows } from './newest-rows.js';
import { decodeTotals, encodeTotals } from './rollup-codec.js';
import { foldContributions, type RollupTotals } from './rollup-totals.js';

export const CONTRIBUTIONS = 'report_contributions';
export const DAILY = 'report_daily';

/** One bucket's (day, carrier, country) folded totals as of `n` contributions. */
export interface DailyRow extends Bucket {
  n: number;
  totals: RollupTotals;
}

type Doc = Record<string, unknown>;
const CONTRIBUTION_FIELDS = { _id: 0, k: 1, o: 1, t: 1, d: 1, r: 1, s: 1, dl: 1, sh: 1, to: 1, n: 1, ch: 1, st: 1, v: 1 };

export const bucketOf = (day: string, id: string): Bucket => {
  const [, carrierId, country] = id.split('|');
  return { day, carrierId: carrierId!, country: country ?? '' };
};

/** Keeps, per key, the document with the highest `n` (a bucket's newest fold). */
export function newestBy(docs: Iterable<Doc>, key: string): Doc[] {
  const newest = new Map<string, Doc>();
  for (const doc of docs) {
    const seen = newest.get(doc[key] as string);
    if (!seen || (seen.n as number) < (doc.n as number)) newest.set(doc[key] as string, doc);
  }
  return [...newest.values()];
}

function toDailyRow(d: Doc): DailyRow {
  const [day, carrierId, country] = (d.b as string).split('|');
  return { day: day!, carrierId: carrierId!, country: country ?? '', n: d.n as number, totals: decodeTotals(JSON.parse(d.t as string) as Doc) };
}

/**
 * The lane-day rows (`report_daily`): each the fold of all of one bucket's contributions as one read saw
 * them, keyed `bucket#n` (n = contributions folded). Insert-only, as FerretDB 1.x keeps unique inserts
 * exact where it can lose one of two concurrent updates; the highest n of a bucket is its newest fold.
 */
export function createDailyRows(connection: Connection) {
  const db = () => connection.db!;
  const contributions = () => db().collection(CONTRIBUTIONS);
  const daily = () => db().collection<Doc>(DAILY);

  /** The row folding `docs`, all of bucket `b`'s contributions as one read saw them. */
  const rowOf = (b: Bucket, docs: Contribution[]) => {
    const id = bucketId(b);
    // The totals as one string field: FerretDB 1.x's read cost is per decoded value.
    return { _id: `${id}#${docs.length}`, b: id, day: b.day, w: isoWeekKey(parseInstant(b.day)), m: monthOfDay(b.day), carrierId: b.carrierId, n: docs.length, t: JSON.stringify(encodeTotals(foldContributions(docs))) };
  };

  /** Stores the fold of `docs`, all of bucket `b`'s contributions as one read saw them, and drops older rows. */
  async function store(b: Bucket, docs: Contribution[]): Promise<void> {
    const row = rowOf(b, docs);
    const { b: id, n } = row;
    try {
      await daily().insertOne(row as never);
    } catch (err) {
      // Another folder folded the same n contributions: the same row.
      if (!isDuplicateKeyError(err)) throw err;
    }
    await daily().deleteMany({ b: id, n: { $lt: n } });
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

  return {
    store,
    dayContributions,

    /** Re-folds one bucket from all its contributions (one equality read). */
    async refold(b: Bucket): Promise<void> {
      await store(b, (await contributions().find({ b: bucketId(b) }, { projection: CONTRIBUTION_FIELDS }).toArray()) as unknown as Contribution[]);
    },

    /**
     * Re-folds every bucket of a day from its contributions, read once, its rows written in one insert
     * (backfill, benchmark seed). Returns the buckets.
     */
    async refoldDay(day: string): Promise<number> {
      const [byBucket, stored] = await Promise.all([dayContributions(day), daily().find({ day }, { projection: { _id: 1, b: 1, n: 1 } }).toArray()]);
      const rows = [...byBucket].map(([id, list]) => rowOf(bucketOf(day, id), list));
      await insertNewestRows(daily(), { day }, 'b', stored, rows);
      return byBucket.size;
    },

    /** The newest row of each bucket whose `field` (day, w: week, m: month) equals `value`, optionally of one carrier. */
    async newest(field: 'day' | 'w' | 'm', value: string, carrierId?: string): Promise<DailyRow[]> {
      const docs = await daily().find(carrierId ? { [field]: value, carrierId } : { [field]: value }, { projection: { _id: 0, b: 1, n: 1, t: 1 } }).toArray();
      return newestBy(docs, 'b').map(toDailyRow);
    },
  };
}
