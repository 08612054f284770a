import type { Connection } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackRepository } from '../../../src/db/feedback/repository.js';
import { createNotificationRepository } from '../../../src/db/notifications/repository.js';
import { createOrderRepository } from '../../../src/db/orders/repository.js';
import { backfillReportRollups } from '../../../src/db/report-rollups/backfill.js';
import { createReportRollupRepository } from '../../../src/db/report-rollups/repository.js';
import { createReportSource } from '../../../src/db/reports/report-source.js';
import type { ProjectionInput } from '../../../src/db/shipments/projection-input.js';
import { createProjectionRepository } from '../../../src/db/shipments/projection-repository.js';
import { createDeliveryPerformanceService } from '../../../src/services/reports/delivery-performance.js';
import type { ReportQuery } from '../../../src/services/reports/report-query.js';
import { createRollupReportService } from '../../../src/services/reports/rollup-report.js';
import { useTestConnection } from '../../support/test-connection.js';
import { seededRandom } from '../../../src/util/seeded-random.js';

const db = useTestConnection('ops-rollup');
const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.UTC(2026, 10, 2);
const AS_OF = new Date(START + 9 * 24 * HOUR);
const CARRIERS = ['dhl', 'ups', 'fedex'];
const COUNTRIES = ['DE', 'US'];

/** The calls the read model's writers make for one order's life, replayable (a retry makes them again). */
interface OrderLife {
  code: string;
  place: (c: Connection) => Promise<unknown>;
  later: ((c: Connection) => Promise<unknown>)[];
}

const iso = (t: number) => new Date(t).toISOString();

function orderLife(i: number, random: () => number): OrderLife {
  const code = `RU-${i}`;
  const carrierId = CARRIERS[i % CARRIERS.length]!;
  // Whole minutes: the rollup's medians have a resolution of one minute.
  const minutes = (from: number, to: number) => Math.round(from + random() * (to - from)) * MIN;
  const placedAt = START + minutes(0, 8 * 24 * 60);
  const shippedAt = placedAt + minutes(60, 30 * 60);
  const deliveredAt = shippedAt + minutes(12 * 60, 96 * 60);
  const roll = random();
  const promise = roll < 0.8 ? { date: iso(placedAt + 72 * HOUR).slice(0, 10), source: 'shop' as const } : undefined;
  const fate = deliveredAt > AS_OF.getTime() ? (shippedAt > AS_OF.getTime() ? 'waiting' : 'moving') : roll < 0.05 ? 'returned' : 'delivered';
  const base = { orderCode: code, carrierId, newEvents: [], eventSource: 'poll' as const, stalledSince: null };
  const projections: ProjectionInput[] = [];
  if (fate !== 'waiting') projections.push({ ...base, revision: 2, status: 'picked_up', milestone: 'shipped', milestoneAt: { shipped: iso(shippedAt) }, change: { from: 'label_created', to: 'picked_up', source: 'poll', carrierEventIds: [], receivedAt: iso(shippedAt) } });
  if (fate !== 'waiting' && roll > 0.85) projections.push({ ...base, revision: 3, status: 'exception', milestone: 'shipped', milestoneAt: { shipped: iso(shippedAt) }, change: { from: 'picked_up', to: 'exception', source: 'poll', carrierEventIds: [], receivedAt: iso(shippedAt + HOUR) } });
  if (fate === 'delivered') projections.push({ ...base, revision: 5, status: 'delivered', milestone: 'delivered', milestoneAt: { shipped: iso(shippedAt), delivered: iso(deliveredAt) }, deliveredAt: iso(deliveredAt), change: { from: 'in_transit', to: 'delivered', source: 'poll', carrierEventIds: [], receivedAt: iso(deliveredAt) } });
  if (fate === 'returned') projections.push({ ...base, revision: 5, status: 'returned_to_sender', milestone: 'shipped', milestoneAt: { shipped: iso(shippedAt) }, change: { from: 'in_transit', to: 'returned_to_sender', source: 'poll', carrierEventIds: [], receivedAt: iso(deliveredAt) } });
  const channel = i % 2 ? 'email' : 'sms';
  const key = `notify:${code}:shipped:${channel}`;
  const later: OrderLife['later'] = projections.map((p) => (c) => createProjectionRepository(c).apply(p, new Date(Date.parse(p.change!.receivedAt))));
  if (fate !== 'waiting') {
    later.push(async (c) => {
      const n = createNotificationRepository(c);
      await n.recordRequests(code, 2, [{ key, trigger: 'shipped', channel }], new Date(shippedAt));
      if (roll < 0.1) await n.markFailed(key, 'refused', new Date(shippedAt));
      else if (roll < 0.9) await n.markSent(key, `msg-${i}`, undefined, new Date(shippedAt));
    });
  }
  if (fate === 'delivered' && i % 3 === 0) {
    later.push(async (c) => {
      const f = createFeedbackRepository(c);
      await f.request(code, iso(deliveredAt), new Date(deliveredAt));
      await f.answer(code, { rating: 1 + (i % 5) }, new Date(deliveredAt + HOUR));
    });
  }
  const place = (c: Connection) =>
    createOrderRepository(c).create({
      code,
      customerId: '65f000000000000000000001',
      items: [{ sku: 'SKU-1', name: 'Mug', quantity: 1 }],
      shippingAddress: { line1: '1 Main St', city: 'Town', postalCode: '12345', country: COUNTRIES[i % COUNTRIES.length]! },
      carrierId,
      notificationPreferences: { channels: ['email'], language: 'en' },
      trackingToken: `tok-${code}`,
      requestHash: `hash-${code}`,
      workflowId: `shipment-${code}`,
      placedAt: iso(placedAt),
      ...(promise ? { promisedDelivery: promise } : {}),
    });
  return { code, place, later };
}

const random = seededRandom(7);
const LIVES = Array.from({ length: 120 }, (_, i) => orderLife(i, random));

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
    const result = await backfillReportRollups(db());
    expect(result.buckets).toBeGreaterThan(0);
    expect(await rollup().report(QUERIES[2]!)).toEqual(before);
    await expectSameReports();
  });

  it('a backfill alone rebuilds the rollup of a read model written without it', async () => {
    const connection = db();
    await connection.db!.collection('report_contributions').deleteMany({});
    await connection.db!.collection('report_daily').deleteMany({});
    expect((await rollup().report(QUERIES[0]!)).total.orders).toBe(0);
    const lines: string[] = [];
    await backfillReportRollups(connection, (line) => lines.push(line));
    expect(lines.at(-1)).toMatch(/^folded \d+ of \d+ days/);
    await expectSameReports();
  });

  it('stays exact when many writers hit one bucket at the same moment', async () => {
    const day = START + 20 * 24 * HOUR;
    const lives = Array.from({ length: 24 }, (_, i) => orderLife(1000 + i * CARRIERS.length * COUNTRIES.length, () => 0.5));
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
    const query: ReportQuery = { from: new Date(day), to: new Date(day + 24 * HOUR), groupBy: 'lane' };
    const report = await rollup().report(query);
    expect(report.groups.map((g) => [g.key, g.orders, g.inFlight])).toEqual([['ups:DE', 24, 24]]);
    expect(report).toEqual(await raw().report(query));
  });
});
