import { beforeAll, describe, expect, it } from 'vitest';
import { FOLD_LEASES } from '../../../src/db/report-rollups/fold-lease.js';
import { createReportFolder } from '../../../src/db/report-rollups/report-folder.js';
import { createReportRollupRepository, DAILY, DIRTY, PERIODS } from '../../../src/db/report-rollups/repository.js';
import { RollupVersionError } from '../../../src/db/report-rollups/rollup-codec.js';
import { createReportSource } from '../../../src/db/reports/report-source.js';
import { createDeliveryPerformanceService } from '../../../src/services/reports/delivery-performance.js';
import { planReportCover } from '../../../src/services/reports/report-cover.js';
import type { ReportQuery } from '../../../src/services/reports/report-query.js';
import { createRollupReportService } from '../../../src/services/reports/rollup-report.js';
import { seededRandom } from '../../../src/util/seeded-random.js';
import { useTestConnection } from '../../support/test-connection.js';
import { orderLife, type OrderLife } from './rollup-order-life.js';

const db = useTestConnection('ops-folder');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Orders placed from 20 August over 100 days: three whole months (September–November) and two ragged ends.
const START = Date.UTC(2026, 7, 20, 6);
const AS_OF = START + 101 * DAY;
const WINDOW = { start: START, spanDays: 100, asOf: AS_OF };
const random1 = seededRandom(11);
const FIRST = Array.from({ length: 90 }, (_, i) => orderLife(i, random1, { ...WINDOW, prefix: 'RF' }));
const random2 = seededRandom(12);
const SECOND = Array.from({ length: 60 }, (_, i) => orderLife(i, random2, { ...WINDOW, prefix: 'RG' }));

const span = { from: new Date(Date.UTC(2026, 7, 20)), to: new Date(Date.UTC(2026, 11, 1)) };
// Cuts August and November, and starts and ends inside a day.
const cut = { from: new Date(Date.UTC(2026, 7, 27, 13, 20)), to: new Date(Date.UTC(2026, 10, 12, 7)) };
const QUERIES: ReportQuery[] = [
  { ...span, groupBy: 'carrier' },
  { ...span, groupBy: 'lane' },
  { ...span, groupBy: 'week' },
  { ...span, groupBy: 'lane', carrierId: 'ups' },
  { ...span, groupBy: 'week', carrierId: 'dhl' },
  { ...cut, groupBy: 'carrier' },
  { ...cut, groupBy: 'lane' },
  { ...cut, groupBy: 'week' },
  { from: new Date(Date.UTC(2026, 8, 25)), to: new Date(Date.UTC(2026, 10, 3)), groupBy: 'day' },
];

const raw = () => createDeliveryPerformanceService({ source: createReportSource(db()), now: () => new Date(AS_OF) });
const rollup = () => createRollupReportService({ rollups: createReportRollupRepository(db()), now: () => new Date(AS_OF) });
const folder = (owner = 'test') => createReportFolder(db(), { owner });
const count = (collection: string) => db().collection(collection).countDocuments({});

async function expectSameReports(): Promise<void> {
  for (const q of QUERIES) expect(await rollup().report(q), JSON.stringify(q)).toEqual(await raw().report(q));
}

/** Every write of these lives, eight orders at a time (each order's own writes in sequence). */
async function live(lives: OrderLife[]): Promise<void> {
  for (let i = 0; i < lives.length; i += 8) {
    await Promise.all(
      lives.slice(i, i + 8).map(async (life) => {
        await life.place(db());
        for (const step of life.later) await step(db());
      }),
    );
  }
}

beforeAll(async () => {
  await createReportSource(db()).ensureIndexes();
  await createReportRollupRepository(db()).ensureIndexes();
}, 60_000);

describe('report folder: the rollup folded off the write path (real MongoDB wire server)', () => {
  it('writers only add contributions and dirty marks; after the folder ran, every report equals the raw aggregate, over months and cut periods', async () => {
    await live(FIRST);
    // Nothing folded on the write path.
    expect(await count(DIRTY)).toBeGreaterThan(FIRST.length);
    expect(await count(DAILY)).toBe(0);
    expect((await rollup().report(QUERIES[0]!)).total.orders).toBe(0);

    const done = await folder().foldDirty();
    expect(done.marks).toBeGreaterThan(FIRST.length);
    expect(done.periodRows).toBeGreaterThan(0);
    expect(await count(DIRTY)).toBe(0);
    // The long periods do read month and week rows.
    expect(planReportCover(span.from.getTime(), span.to.getTime(), 'carrier').reads.filter((r) => r.level === 'm')).toHaveLength(3);
    expect(planReportCover(cut.from.getTime(), cut.to.getTime(), 'lane').reads.filter((r) => r.level === 'm')).toHaveLength(2);
    const check = await raw().report(QUERIES[0]!);
    expect(check.total.orders).toBe(FIRST.length);
    for (const figure of ['inFlight', 'delivered', 'deliveredLate', 'exceptions', 'returns', 'ratings'] as const) expect(check.total[figure], figure).toBeGreaterThan(0);
    await expectSameReports();
  }, 120_000);

  it('folding is idempotent: a second round, and a round over marks a dead folder left, change no row', async () => {
    const rows = async () => ({
      daily: (await db().collection(DAILY).find({}, { projection: { _id: 1, t: 1 } }).toArray()).map((d) => `${String(d._id)}=${d.t as string}`).sort(),
      periods: (await db().collection(PERIODS).find({}, { projection: { _id: 1, t: 1 } }).toArray()).map((d) => `${String(d._id)}=${d.t as string}`).sort(),
    });
    const before = await rows();
    expect(await folder().foldDirty()).toEqual({ marks: 0, buckets: 0, periodRows: 0 });
    // A folder that died after folding but before deleting its marks: every bucket marked again.
    const buckets = await db().collection(DAILY).find({}, { projection: { _id: 0, b: 1, day: 1 } }).toArray();
    await db().collection(DIRTY).insertMany(buckets.map((b) => ({ b: b.b, day: b.day })));
    const again = await folder().foldDirty();
    expect(again.buckets).toBe(buckets.length);
    expect(again.periodRows).toBe(0);
    expect(await rows()).toEqual(before);
    await expectSameReports();
  }, 120_000);

  it('two folders folding at once, while writers write, count nothing twice', async () => {
    let writing = true;
    const keepFolding = async (owner: string) => {
      let rounds = 0;
      while (writing || rounds === 0) {
        await folder(owner).foldDirty();
        rounds += 1;
      }
      return rounds;
    };
    const folding = [keepFolding('a'), keepFolding('b')];
    await live(SECOND).finally(() => (writing = false));
    expect(Math.min(...(await Promise.all(folding)))).toBeGreaterThan(0);
    // The same marks read by both: both fold them.
    await Promise.all([folder('a').foldDirty(), folder('b').foldDirty()]);
    expect(await count(DIRTY)).toBe(0);
    expect((await raw().report(QUERIES[0]!)).total.orders).toBe(FIRST.length + SECOND.length);
    await expectSameReports();
  }, 180_000);

  it('the slot lease lets one of two processes fold at a time, and the next slot to whoever asks first', async () => {
    let now = Date.UTC(2030, 0, 1);
    const clock = () => now;
    const a = createReportFolder(db(), { owner: 'lease-a', slotMs: 30_000, clock });
    const b = createReportFolder(db(), { owner: 'lease-b', slotMs: 30_000, clock });
    const first = await Promise.all([a.round(), b.round()]);
    expect(first.filter((r) => r !== undefined)).toHaveLength(1);
    const holder = first[0] ? a : b;
    const other = first[0] ? b : a;
    expect(await holder.round()).toBeDefined();
    expect(await other.round()).toBeUndefined();
    now += 30_000;
    expect(await other.round()).toBeDefined();
    expect(await holder.round()).toBeUndefined();
  });

  it('a process that lost the slot asks again only once the slot is over', async () => {
    let now = Date.UTC(2030, 0, 2);
    const clock = () => now;
    const leases = db().collection(FOLD_LEASES);
    const a = createReportFolder(db(), { owner: 'lost-a', slotMs: 30_000, clock });
    const b = createReportFolder(db(), { owner: 'lost-b', slotMs: 30_000, clock });
    expect(await a.round()).toBeDefined();
    expect(await b.round()).toBeUndefined();
    // Were b to insert again, it would now take the slot: it does not, it waits for the slot's end.
    await leases.deleteOne({ _id: `slot:${Math.floor(now / 30_000)}` as never });
    now += 29_000;
    expect(await b.round()).toBeUndefined();
    expect(await leases.countDocuments({ _id: `slot:${Math.floor(now / 30_000)}` as never })).toBe(0);
    now += 1_000;
    expect(await b.round()).toBeDefined();
  });

  it('a newer fold or derivation replaces the rows it supersedes, and only those', async () => {
    // A day and a week of their own (2031), outside every period the tests above report on.
    const rollups = createReportRollupRepository(db());
    const bucket = { day: '2031-01-07', carrierId: 'zz', country: 'AA' };
    const other = { day: '2031-01-07', carrierId: 'zz', country: 'BB' };
    const placed = (o: string, t: number) => ({ k: 'placed' as const, o, t });
    await rollups.insertMany([{ bucket, c: placed('Z1', Date.UTC(2031, 0, 7, 9)) }, { bucket: other, c: placed('Z2', Date.UTC(2031, 0, 7, 10)) }]);
    await rollups.daily.refoldDay(bucket.day);
    await rollups.insertMany([{ bucket, c: placed('Z3', Date.UTC(2031, 0, 7, 11)) }]);
    await rollups.daily.refoldDay(bucket.day);
    const ids = async (collection: string, filter: Record<string, string>) => (await db().collection(collection).find(filter, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)).sort();
    expect(await ids(DAILY, { day: bucket.day })).toEqual(['2031-01-07|zz|AA#2', '2031-01-07|zz|BB#1']);

    const derive = async () => createReportFolder(db(), { owner: 'test' }).derive([bucket.day]);
    await derive();
    await rollups.insertMany([{ bucket: other, c: placed('Z4', Date.UTC(2031, 0, 7, 12)) }]);
    await rollups.daily.refoldDay(bucket.day);
    expect(await derive()).toBeGreaterThan(0);
    // Each group's newest row alone: lanes (week), carrier and all orders (day and week).
    expect(await ids(PERIODS, { u: 'w2031-01-06' })).toEqual(['w2031-01-06|*|*#4', 'w2031-01-06|zz|*#4', 'w2031-01-06|zz|AA#2', 'w2031-01-06|zz|BB#2']);
    expect(await ids(PERIODS, { u: 'd2031-01-07' })).toEqual(['d2031-01-07|*|*#4', 'd2031-01-07|zz|*#4']);
  });

  it('a lane-day row a newer release wrote (unknown v) is refused: no report from it, no day/week/month row derived from it', async () => {
    // A day of its own (2032), outside every period the tests above report on.
    const rollups = createReportRollupRepository(db());
    const bucket = { day: '2032-03-02', carrierId: 'zz', country: 'AA' };
    await rollups.insertMany([{ bucket, c: { k: 'placed', o: 'V1', t: Date.UTC(2032, 2, 2, 9) } }]);
    await rollups.daily.refoldDay(bucket.day);
    const row = (await db().collection(DAILY).findOne({ day: bucket.day }))!;
    await db().collection(DAILY).updateOne({ _id: row._id }, { $set: { t: JSON.stringify({ ...(JSON.parse(row.t as string) as object), v: 3 }) } });

    await expect(createReportFolder(db(), { owner: 'test' }).derive([bucket.day])).rejects.toThrow(RollupVersionError);
    expect(await db().collection(PERIODS).countDocuments({ u: `d${bucket.day}` })).toBe(0);
    // By lane, one whole day: read from the lane-day rows themselves.
    const query: ReportQuery = { from: new Date(Date.UTC(2032, 2, 2)), to: new Date(Date.UTC(2032, 2, 3)), groupBy: 'lane' };
    await expect(rollup().report(query)).rejects.toThrow(RollupVersionError);
  });
});
