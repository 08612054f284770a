/**
 * bench:reports — seeds a synthetic read model (default 1,000,000 shipments, `--shipments` to change)
 * into a database of its own on the embedded MongoDB-wire server (or BENCH_MONGODB_URI, loopback only),
 * builds the report rollup from it with the backfill (src/db/report-rollups), then times each dashboard
 * query of the delivery-performance report (as the API answers it: from the rollup) and the CSV export
 * beside a bare `countDocuments` on the same collection in the same run, and what one projection's rollup
 * write costs. Target: every dashboard query under 500 ms. `--raw` also times the raw pipelines (slow on
 * FerretDB: they read whole collections).
 */
import { randomBytes } from 'node:crypto';
import { connectMongo } from '../src/db/connection.js';
import { planIndexUse } from '../src/db/reports/plan-index-use.js';
import { createReportSource } from '../src/db/reports/report-source.js';
import { renderReportCsv } from '../src/services/reports/csv.js';
import { backfillReportRollups } from '../src/db/report-rollups/backfill.js';
import { createReportRollupRepository, DAILY, rollupReadFilter, type RollupRead } from '../src/db/report-rollups/repository.js';
import { createRollupFeed, placedOf } from '../src/db/report-rollups/rollup-feed.js';
import { createReportFolder } from '../src/db/report-rollups/report-folder.js';
import { planReportCover } from '../src/services/reports/report-cover.js';
import { createDeliveryPerformanceService } from '../src/services/reports/delivery-performance.js';
import { dayKey } from '../src/services/reports/group-keys.js';
import { createRollupReportService } from '../src/services/reports/rollup-report.js';
import type { ReportQuery } from '../src/services/reports/report-query.js';
import { parseFlags, positive } from './bench/cli-args.js';
import { startBenchMongo } from './bench/bench-mongo.js';
import { onCleanup, runMain } from './bench/cleanup.js';
import { machineLoad, printTable, progress, verdict } from './bench/report.js';
import { BENCH_CARRIERS, seedReportData } from './bench/reports-seed.js';

const TARGET_MS = 500;
const DAY = 86_400_000;

async function timed<T>(repeat: number, run: () => Promise<T>): Promise<{ best: number; median: number; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    last = await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { best: times[0]!, median: times[times.length >> 1]!, last: last as T };
}

async function main(): Promise<number> {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      shipments: { default: '1000000', help: 'orders/shipments to seed' },
      days: { default: '180', help: 'days of history the orders are spread over' },
      period: { default: '30', help: 'days the dashboard period spans (ending at the seeded end)' },
      repeat: { default: '3', help: 'timed runs per query (the median is reported)' },
      raw: { default: 'false', help: 'also time the raw pipelines (true/false)' },
      rollup: { default: 'with-seed', help: 'build the rollup: with-seed (contributions written with each seeded batch, then folded) or backfill (read back from the collections)' },
    },
    'npm run bench:reports -- [--shipments 1000000] [--days 180] [--period 30] [--repeat 3] [--raw true]',
  );
  const total = positive(flags, 'shipments');
  const days = positive(flags, 'days');
  const periodDays = positive(flags, 'period');
  const repeat = positive(flags, 'repeat');
  const withRaw = flags.raw === 'true';
  const backfill = flags.rollup === 'backfill';

  console.log(`[bench] ${machineLoad()}`);
  console.log('[bench] starting the MongoDB-wire server…');
  const server = await startBenchMongo('reports');
  const dbName = `bench_reports_${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const url = new URL(server.uri);
  url.pathname = `/${dbName}`;
  const connection = await connectMongo(url.toString());
  onCleanup('connection', async () => {
    await connection.dropDatabase().catch(() => {});
    await connection.close();
  });
  console.log(`[bench] server: ${server.description}; database ${dbName}`);

  const end = Date.UTC(2026, 11, 1);
  const started = performance.now();
  console.log(`[bench] seeding ${total.toLocaleString('en')} shipments over ${days} days…`);
  const rollups = createReportRollupRepository(connection);
  const seeded = await seedReportData(connection, total, end, days, backfill ? undefined : rollups);
  const source = createReportSource(connection);
  // Indexes after the bulk load: PostgreSQL builds an index over a loaded table faster than it keeps one up per insert.
  const indexStart = performance.now();
  await rollups.ensureIndexes();
  await source.ensureIndexes();
  progress(started, `seeded ${seeded.docs.toLocaleString('en')} documents in ${(seeded.ms / 1000).toFixed(0)} s; report indexes built in ${((performance.now() - indexStart) / 1000).toFixed(1)} s`);
  const rollupStart = performance.now();
  let rollupLine: string;
  if (backfill) {
    console.log('[bench] building the report rollup with the backfill (what an existing installation runs once)…');
    const built = await backfillReportRollups(connection, (line) => progress(started, `backfill: ${line}`));
    rollupLine = `rollup backfill ${((performance.now() - rollupStart) / 1000).toFixed(0)} s (${built.contributions.toLocaleString('en')} contributions, ${built.buckets.toLocaleString('en')} buckets)`;
  } else {
    console.log('[bench] folding the seeded contributions into report_daily, day by day…');
    let buckets = 0;
    const seededDays: string[] = [];
    for (let day = end - days * DAY - DAY; day < end; day += DAY) seededDays.push(dayKey(day));
    // Three days at a time: FerretDB and PostgreSQL work on one while this process folds another.
    for (let i = 0; i < seededDays.length; i += 3) {
      const counts = await Promise.all(seededDays.slice(i, i + 3).map((day) => rollups.daily.refoldDay(day)));
      buckets += counts.reduce((a, b) => a + b, 0);
      if ((i / 3) % 5 === 0) progress(started, `folded up to ${seededDays[Math.min(i + 2, seededDays.length - 1)]} (${buckets.toLocaleString('en')} buckets)`);
    }
    const periodRows = await createReportFolder(connection, { owner: 'bench' }).derive(seededDays);
    rollupLine = `contributions written with the seed, folded in ${((performance.now() - rollupStart) / 1000).toFixed(0)} s (${buckets.toLocaleString('en')} buckets, ${periodRows.toLocaleString('en')} day/week/month rows)`;
  }
  progress(started, rollupLine);

  const rollup = createRollupReportService({ rollups, now: () => new Date(end) });
  const rawService = createDeliveryPerformanceService({ source, now: () => new Date(end) });
  const from = new Date(end - periodDays * DAY);
  const to = new Date(end);
  const queries: [string, ReportQuery][] = [
    [`${periodDays} days by day`, { from, to, groupBy: 'day' }],
    [`${periodDays} days by week`, { from, to, groupBy: 'week' }],
    [`${periodDays} days by carrier`, { from, to, groupBy: 'carrier' }],
    [`${periodDays} days by lane`, { from, to, groupBy: 'lane' }],
    [`${periodDays} days, one carrier, by day`, { from, to, carrierId: BENCH_CARRIERS[0], groupBy: 'day' }],
    ['7 days by day', { from: new Date(end - 7 * DAY), to, groupBy: 'day' }],
    ['180 days by week', { from: new Date(end - Math.min(days, 366) * DAY), to, groupBy: 'week' }],
    ['180 days by carrier', { from: new Date(end - Math.min(days, 366) * DAY), to, groupBy: 'carrier' }],
    ['180 days by lane', { from: new Date(end - Math.min(days, 366) * DAY), to, groupBy: 'lane' }],
    ['1 year by carrier (the seed covers its last 180 days)', { from: new Date(end - 365 * DAY), to, groupBy: 'carrier' }],
  ];
  // Not a dashboard period (those are whole days): one cutting two days reads those days' contributions.
  const cut: [string, ReportQuery] = [`${periodDays} days from 12:00, by carrier (two cut days)`, { from: new Date(end - periodDays * DAY - DAY / 2), to: new Date(end - DAY / 2), groupBy: 'carrier' }];

  const rows: string[][] = [['measure', 'median ms', 'best ms', 'target', 'result', 'cohort']];
  const dailyCount = await timed(repeat, () => connection.db!.collection(DAILY).countDocuments({}));
  rows.push([`baseline: countDocuments({}) on ${DAILY}`, dailyCount.median.toFixed(0), dailyCount.best.toFixed(0), '', '', `${dailyCount.last.toLocaleString('en')} rows`]);
  progress(started, `baseline ${DAILY}: ${dailyCount.median.toFixed(0)} ms`);
  const orderCount = await timed(1, () => connection.db!.collection('orders').countDocuments({}));
  rows.push(['baseline: countDocuments({}) on orders (once)', orderCount.median.toFixed(0), orderCount.best.toFixed(0), '', '', orderCount.last.toLocaleString('en')]);
  progress(started, `baseline orders: ${orderCount.median.toFixed(0)} ms`);
  let csvInput: ReportQuery = queries[0]![1];
  for (const [name, query] of queries) {
    const r = await timed(repeat, () => rollup.report(query));
    rows.push([name, r.median.toFixed(0), r.best.toFixed(0), `< ${TARGET_MS}`, verdict(r.median < TARGET_MS), r.last.total.orders.toLocaleString('en')]);
    progress(started, `${name}: ${r.median.toFixed(0)} ms (${r.last.groups.length} groups)`);
    if (query.groupBy === 'lane') csvInput = query;
  }
  // What the longest lane query moves: its rows and their totals' text (histograms mostly).
  const laneQuery = queries.find(([name]) => name === '180 days by lane')![1];
  let laneRows = 0;
  let laneChars = 0;
  for (const read of planReportCover(laneQuery.from.getTime(), laneQuery.to.getTime(), 'lane').reads) {
    const { collection, filter } = rollupReadFilter(read);
    for (const doc of await connection.db!.collection(collection).find(filter, { projection: { _id: 0, t: 1 } }).toArray()) {
      laneRows += 1;
      laneChars += (doc.t as string).length;
    }
  }
  rows.push(['  180 days by lane: rows read, and their totals as text', '', '', '', '', `${laneRows} rows, ${(laneChars / 1e6).toFixed(2)} MB`]);
  const cutRun = await timed(repeat, () => rollup.report(cut[1]));
  rows.push([cut[0], cutRun.median.toFixed(0), cutRun.best.toFixed(0), '', '', cutRun.last.total.orders.toLocaleString('en')]);
  const csv = await timed(repeat, async () => renderReportCsv(await rollup.report(csvInput)));
  rows.push([`CSV export (${periodDays} days by lane, report + render)`, csv.median.toFixed(0), csv.best.toFixed(0), '', '', `${csv.last.length.toLocaleString('en')} bytes`]);

  // What the rollup costs the writers now (a contribution and a dirty mark), beside what it cost them before
  // the folder (the same, then a re-fold of the bucket on the write path), and the folder's round after.
  const feed = createRollupFeed(connection);
  const folder = createReportFolder(connection, { owner: 'bench' });
  // Orders of the seed (BENCH-<i in base 36>), spread over carriers and days like every bucket.
  const codes = Array.from({ length: Math.min(20, total) }, (_, i) => `BENCH-${(i * 7).toString(36).padStart(7, '0')}`);
  // Production orders have a unique index on code (the seed inserts bare documents): the feed's one look-up
  // of an order's bucket uses it. Each order is fed once untimed first, so both timings find its bucket
  // in the feed's cache, as every write after an order's first does.
  await connection.db!.collection('orders').createIndex({ code: 1 });
  const writes: number[] = [];
  const syncWrites: number[] = [];
  for (const [i, code] of codes.entries()) {
    await feed.projected({ orderCode: code, revision: 900 + i, status: 'in_transit' });
    const order = await connection.db!.collection('orders').findOne({ code });
    const bucket = placedOf(order!)!.bucket;
    let t = performance.now();
    await feed.projected({ orderCode: code, revision: 1000 + i, status: 'in_transit' });
    writes.push(performance.now() - t);
    t = performance.now();
    await feed.projected({ orderCode: code, revision: 2000 + i, status: 'in_transit' });
    await rollups.daily.refold(bucket);
    syncWrites.push(performance.now() - t);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const best = (xs: number[]) => Math.min(...xs);
  if (writes.length) {
    rows.push([`one projection's rollup write: contribution + dirty mark (median of ${writes.length})`, median(writes).toFixed(0), best(writes).toFixed(0), '', '', '']);
    rows.push([`  before (same run): contribution + re-fold of its bucket on the write path`, median(syncWrites).toFixed(0), best(syncWrites).toFixed(0), '', '', '']);
    const t = performance.now();
    const round = await folder.foldDirty();
    rows.push([`folder round after them (${round.marks} marks, ${round.buckets} buckets, ${round.periodRows} day/week/month rows)`, (performance.now() - t).toFixed(0), '', '', '', '']);
  }

  if (withRaw) {
    for (const [name, query] of queries.slice(0, 1)) {
      const r = await timed(1, () => rawService.report(query));
      rows.push([`raw pipelines (before the rollup): ${name}`, r.median.toFixed(0), r.best.toFixed(0), '', '', r.last.total.orders.toLocaleString('en')]);
      progress(started, `raw ${name}: ${r.median.toFixed(0)} ms`);
    }
  }

  console.log('\n[bench] the reads of one report, and whether each plan scans an index:');
  const planRows: string[][] = [['read', 'index scan']];
  for (const carrierId of [undefined, BENCH_CARRIERS[0]]) {
    const reads: RollupRead[] = [
      { level: 'd', key: dayKey(end - DAY), scope: 'lane' },
      { level: 'd', key: dayKey(end - DAY), scope: carrierId ? 'carrier' : 'all' },
      { level: 'w', key: planReportCover(end - 14 * DAY, end, 'week').reads.find((r) => r.level === 'w')!.key, scope: carrierId ? 'carrier' : 'all' },
      { level: 'm', key: dayKey(end - DAY).slice(0, 7), scope: 'lane' },
    ];
    for (const { name, plan } of await rollups.explain([...reads, { partialDay: dayKey(end - DAY) }], carrierId)) {
      const use = planIndexUse(plan);
      planRows.push([name, use.indexes.length && !use.fullScan ? `yes (${use.indexes.join(', ')})` : `no${use.filterPushdown === false ? ' (filter not pushed down)' : ''}`]);
    }
  }
  printTable(planRows);

  console.log(`\n[bench] bench:reports — ${total.toLocaleString('en')} shipments, server: ${server.description}, ${machineLoad()}`);
  console.log(`[bench] seeding ${(seeded.ms / 1000).toFixed(0)} s; ${rollupLine}`);
  printTable(rows);
  return 0;
}

runMain(main);
