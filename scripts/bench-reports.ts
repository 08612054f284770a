/**
 * bench:reports — seeds a synthetic read model (default 1,000,000 shipments, `--shipments` to change)
 * into a database of its own on the embedded MongoDB-wire server (or BENCH_MONGODB_URI, loopback only),
 * then times each dashboard query of the delivery-performance report and the CSV export beside a bare
 * `countDocuments` on the same collections in the same run. Target: every dashboard query under 500 ms.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { connectMongo } from '../src/db/connection.js';
import { planIndexUse } from '../src/db/reports/plan-index-use.js';
import { createReportSource } from '../src/db/reports/report-source.js';
import { startEmbeddedMongo, type FerretDbBackend } from '../src/embedded/mongo-server.js';
import { renderReportCsv } from '../src/services/reports/csv.js';
import { createDeliveryPerformanceService } from '../src/services/reports/delivery-performance.js';
import type { ReportQuery } from '../src/services/reports/report-query.js';
import { parseFlags, positive } from './bench/cli-args.js';
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

async function startMongo(): Promise<{ uri: string; description: string }> {
  const external = process.env.BENCH_MONGODB_URI;
  if (external) {
    const host = new URL(external).hostname;
    if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host)) throw new Error(`BENCH_MONGODB_URI must point at a loopback address, got ${host}`);
    return { uri: external, description: `external server ${host}` };
  }
  const tmp = mkdtempSync(join(tmpdir(), 'ot-bench-reports-'));
  // Reachable by the postgres account when an embedded PostgreSQL runs as it (we run as root).
  chmodSync(tmp, 0o711);
  onCleanup('temp dir', async () => rmSync(tmp, { recursive: true, force: true }));
  const server = await startEmbeddedMongo({
    mode: (process.env.EMBEDDED_MONGO as 'auto' | undefined) ?? 'auto',
    ferretdbBackend: (process.env.FERRETDB_BACKEND as FerretDbBackend | undefined) ?? 'auto',
    dataDir: join(tmp, 'mongo'),
    ephemeral: true,
  });
  onCleanup('MongoDB-wire server', () => server.stop());
  return server;
}

async function main(): Promise<number> {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      shipments: { default: '1000000', help: 'orders/shipments to seed' },
      days: { default: '180', help: 'days of history the orders are spread over' },
      period: { default: '30', help: 'days the dashboard period spans (ending at the seeded end)' },
      repeat: { default: '3', help: 'timed runs per query (the median is reported)' },
    },
    'npm run bench:reports -- [--shipments 1000000] [--days 180] [--period 30] [--repeat 3]',
  );
  const total = positive(flags, 'shipments');
  const days = positive(flags, 'days');
  const periodDays = positive(flags, 'period');
  const repeat = positive(flags, 'repeat');

  console.log(`[bench] ${machineLoad()}`);
  console.log('[bench] starting the MongoDB-wire server…');
  const server = await startMongo();
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
  const seeded = await seedReportData(connection, total, end, days);
  const source = createReportSource(connection);
  const indexStart = performance.now();
  await source.ensureIndexes();
  progress(started, `seeded ${seeded.docs.toLocaleString('en')} documents in ${(seeded.ms / 1000).toFixed(0)} s; report indexes built in ${((performance.now() - indexStart) / 1000).toFixed(1)} s`);

  const service = createDeliveryPerformanceService({ source, now: () => new Date(end) });
  const from = new Date(end - periodDays * DAY);
  const to = new Date(end);
  const queries: [string, ReportQuery][] = [
    [`${periodDays} days by day`, { from, to, groupBy: 'day' }],
    [`${periodDays} days by week`, { from, to, groupBy: 'week' }],
    [`${periodDays} days by carrier`, { from, to, groupBy: 'carrier' }],
    [`${periodDays} days by lane`, { from, to, groupBy: 'lane' }],
    [`${periodDays} days, one carrier, by day`, { from, to, carrierId: BENCH_CARRIERS[0], groupBy: 'day' }],
    ['7 days by day', { from: new Date(end - 7 * DAY), to, groupBy: 'day' }],
  ];

  const rows: string[][] = [['measure', 'median ms', 'best ms', 'target', 'result', 'cohort']];
  for (const collection of ['shipments', 'orders']) {
    const r = await timed(repeat, () => connection.db!.collection(collection).countDocuments({}));
    rows.push([`baseline: countDocuments({}) on ${collection}`, r.median.toFixed(0), r.best.toFixed(0), '', '', r.last.toLocaleString('en')]);
    progress(started, `baseline ${collection}: ${r.median.toFixed(0)} ms`);
  }
  let csvInput: ReportQuery = queries[0]![1];
  for (const [name, query] of queries) {
    const r = await timed(repeat, () => service.report(query));
    rows.push([name, r.median.toFixed(0), r.best.toFixed(0), `< ${TARGET_MS}`, verdict(r.median < TARGET_MS), r.last.total.orders.toLocaleString('en')]);
    progress(started, `${name}: ${r.median.toFixed(0)} ms (${r.last.groups.length} groups)`);
    if (query.groupBy === 'lane') csvInput = query;
  }
  const csv = await timed(repeat, async () => renderReportCsv(await service.report(csvInput)));
  rows.push([`CSV export (${periodDays} days by lane)`, csv.median.toFixed(0), csv.best.toFixed(0), '', '', `${csv.last.length.toLocaleString('en')} bytes`]);

  console.log('\n[bench] each pipeline alone, and whether its plan scans an index:');
  const pipelineRows: string[][] = [['pipeline (period, all carriers / one carrier)', 'ms', 'rows', 'index scan']];
  for (const period of [{ from, to }, { from, to, carrierId: BENCH_CARRIERS[0] }]) {
    const plans = await source.explain(period);
    for (const { name, plan } of plans) {
      const use = planIndexUse(plan);
      const r = await timed(1, () => source.runOne(period, name));
      const label = `${name}${period.carrierId ? ` (${period.carrierId})` : ''}`;
      pipelineRows.push([label, r.median.toFixed(0), r.last.toLocaleString('en'), use.indexes.length ? `yes (${use.indexes.join(', ')})` : `no${use.filterPushdown === false ? ' (filter not pushed down)' : ''}`]);
    }
  }
  printTable(pipelineRows);

  console.log(`\n[bench] bench:reports — ${total.toLocaleString('en')} shipments, server: ${server.description}, ${machineLoad()}`);
  printTable(rows);
  return 0;
}

runMain(main);
