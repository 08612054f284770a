import { beforeAll, describe, expect, it } from 'vitest';
import { backfillReportRollups } from '../../../src/db/report-rollups/backfill.js';
import { createReportFolder } from '../../../src/db/report-rollups/report-folder.js';
import { createReportRollupRepository } from '../../../src/db/report-rollups/repository.js';
import { createReportSource } from '../../../src/db/reports/report-source.js';
import { createDeliveryPerformanceService } from '../../../src/services/reports/delivery-performance.js';
import type { ReportQuery } from '../../../src/services/reports/report-query.js';
import { createRollupReportService } from '../../../src/services/reports/rollup-report.js';
import { useTestConnection } from '../../support/test-connection.js';
import { seededRandom } from '../../../src/util/seeded-random.js';
import { CARRIERS, COUNTRIES, orderLife } from './rollup-order-life.js';

const db = useTestConnection('ops-rollup');
const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.UTC(2026, 10, 2);
const AS_OF = new Date(START + 9 * 24 * HOUR);

const random = seededRandom(7);
const WINDOW = { start: START, spanDays: 8, asOf: AS_OF.getTime() };
const LIVES = Array.from({ length: 120 }, (_, i) => orderLife(i, random, WINDOW));

const QUERIES: ReportQuery[] = [
  { from: new Date(START), to: new Date(START + 8 * 24 * HOUR), groupBy: 'day' },
  { from: new Date(START), to: new Date(START + 8 * 24 * HOUR), groupBy: 'week' },
  { from: new Date(START), to: new Date(START + 8 * 24 * HOUR), groupBy: 'carrier' },
  { from: new Date(START), to: new Date(START + 8 * 24 * HOUR), groupBy: 'lane' },
  { from: new Date(START), to: new Date(START + 8 * 24 * HOUR), groupBy: 'lane', carrierId: 'ups' },
  // Starts and ends inside a day: the edge days are folded from their contributions.
  { from: new Date(START + 30 * HOUR + 17 * MIN), to: new Date(START + 150 * HOUR + 5 * MIN), groupBy: 'carrier' },
  { from: new Date(START + 30 * HOUR + 17 * MIN), to: new Date(START + 40 * HOUR), groupBy: 'day', carrierId: 'dhl' },
];

const raw = () => createDeliveryPerformanceService({ source: createReportSource(db()), now: () => AS_OF });
const rollup = () => createRollupReportService({ rollups: createReportRollupRepository(db()), now: () => AS_OF });
/** The background folder's work, run here when the test wants it (the writers only mark buckets dirty). */
const fold = () => createReportFolder(db(), { owner: 'test' }).foldDirty();

async function expectSameReports(): Promise<void> {
  for (const q of QUERIES) expect(await rollup().report(q), JSON.stringify(q)).toEqual(await raw().report(q));
}

beforeAll(async () => {
  await createReportSource(db()).ensureIndexes();
  await createReportRollupRepository(db()).ensureIndexes();
  // Writers run concurrently, as activities on several workers do: eight orders at a time, each order's
  // own writes in sequence.
  for (let i = 0; i < LIVES.length; i += 8) {
    await Promise.all(
      LIVES.slice(i, i + 8).map(async (life) => {
        await life.place(db());
        for (const step of life.later) await step(db());
      }),
    );
  }
  await fold();
}, 120_000);

describe('report rollup fed by the read model’s writers (real MongoDB wire server)', () => {
  it('gives the raw report’s figures for every grouping, a carrier filter and periods that cut days', async () => {
    const check = await raw().report(QUERIES[0]!);
    // The data set exercises every figure.
    expect(check.total).toMatchObject({ orders: LIVES.length });
    for (const figure of ['inFlight', 'delivered', 'deliveredLate', 'openPastPromise', 'exceptions', 'returns', 'ratings'] as const) expect(check.total[figure], figure).toBeGreaterThan(0);
    expect(check.total.notifications.sms.failed + check.total.notifications.email.failed).toBeGreaterThan(0);
    await expectSameReports();
  });

  it('counts nothing twice when every write is retried, concurrently, and a backfill runs over it', async () => {
    const before = await rollup().report(QUERIES[2]!);
    await Promise.all(LIVES.slice(0, 40).map((life) => Promise.all(life.later.map((step) => step(db())))));
    await Promise.all(LIVES.slice(0, 40).map((life) => life.place(db()).catch((err: Error) => expect(err.name).toBe('DuplicateOrderError'))));
    await fold();
    expect(await rollup().report(QUERIES[2]!)).toEqual(before);
    const result = await backfillReportRollups(db());
    expect(result.buckets).toBeGreaterThan(0);
    expect(await rollup().report(QUERIES[2]!)).toEqual(before);
    await expectSameReports();
  });

  it('a backfill alone rebuilds the rollup of a read model written without it', async () => {
    const connection = db();
    await connection.db!.collection('report_contributions').deleteMany({});
    await connection.db!.collection('report_daily').deleteMany({});
    await connection.db!.collection('report_periods').deleteMany({});
    expect((await rollup().report(QUERIES[0]!)).total.orders).toBe(0);
    const lines: string[] = [];
    await backfillReportRollups(connection, (line) => lines.push(line));
    expect(lines.at(-3)).toMatch(/^folded \d+ of \d+ days/);
    expect(lines.at(-1)).toMatch(/^derived [1-9]\d* day, week and month rows/);
    await expectSameReports();
  });

  it('stays exact when many writers hit one bucket at the same moment', async () => {
    const day = START + 20 * 24 * HOUR;
    const lives = Array.from({ length: 24 }, (_, i) => orderLife(1000 + i * CARRIERS.length * COUNTRIES.length, () => 0.5, WINDOW));
    // orderLife spreads placement over 8 days from START; move these onto one day, one carrier and country.
    await Promise.all(
      lives.map(async (life, i) => {
        await life.place(db());
        await db().collection('orders').updateOne({ code: life.code }, { $set: { placedAt: new Date(day + i * MIN) } });
      }),
    );
    // The placement rows were folded before the move: rebuild them, then let every projection race.
    await db().collection('report_contributions').deleteMany({ o: { $in: lives.map((l) => l.code) } });
    await Promise.all(lives.map((life) => life.later[0]!(db())));
    await fold();
    const query: ReportQuery = { from: new Date(day), to: new Date(day + 24 * HOUR), groupBy: 'lane' };
    const report = await rollup().report(query);
    expect(report.groups.map((g) => [g.key, g.orders, g.inFlight])).toEqual([['ups:DE', 24, 24]]);
    expect(report).toEqual(await raw().report(query));
  });
});
