/**
 * `npm run bench:lifecycle`: starts N shipments against a local stack and drives them to delivered with
 * simulated carrier events. Prints orders/s, events/s, event→visible latency (202 answer to the status
 * showing in the API) beside a bare read measured in the same run, and worker memory per open workflow.
 * Target (2 cores, dev server): ≥ 1,000 concurrently open workflows, p99 event→visible < 1 s at 50 events/s.
 * Exit code 0 whatever the figures (it is a measurement), 1 on errors (> 1% failed requests or lost events).
 */
import { getHeapStatistics } from 'node:v8';
import { parseFlags, positive } from './bench/cli-args.js';
import { runMain } from './bench/cleanup.js';
import { cpuShare, cpuSnapshot } from './bench/cpu.js';
import { ms, ratio, short, summarize } from './bench/latency.js';
import type { LifecycleData, LifecycleResult } from './bench/lifecycle-thread.js';
import { startLocalStack, type LocalStack } from './bench/local-stack.js';
import { logSummary } from './bench/log-sink.js';
import { placeOrders, type BenchOrder } from './bench/orders.js';
import { perSecond, printTable, progress, verdict } from './bench/report.js';
import { runInThread } from './bench/thread.js';
import { processMemoryMiB } from './bench/worker-process.js';

const TARGET_OPEN = 1_000;
const TARGET_P99_MS = 1_000;
const TARGET_RATE = 50;

const flags = parseFlags(
  process.argv.slice(2),
  {
    shipments: { default: '1000', help: 'orders (workflows) to open' },
    rate: { default: '50', help: 'carrier events per second' },
    duration: { default: '60', help: 'seconds of event load' },
    'poll-interval': { default: '30m', help: 'SHIPMENT_POLL_INTERVAL (long, so polls do not interfere)' },
    'order-concurrency': { default: '16', help: 'orders placed in parallel' },
    'visible-poll-ms': { default: '20', help: 'pause between reads while waiting for a new status' },
    'reads-in-flight': { default: '16', help: 'most concurrent status reads' },
    'mongo-pool': { default: '0', help: 'MongoDB driver maxPoolSize per process (0 = driver default, 100)' },
    'open-timeout': { default: '180', help: 'seconds to wait for all workflows to be open and idle' },
  },
  'Usage: npm run bench:lifecycle -- [--shipments 1000] [--rate 50] [--duration 60]',
);
const shipments = Math.floor(positive(flags, 'shipments'));
const rate = positive(flags, 'rate');
const durationS = positive(flags, 'duration');

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** The worker does not set maxCachedWorkflows, so the SDK (1.24) default applies: a share of the V8 heap limit. */
function defaultWorkflowCache(): { size: number; heapMiB: number } {
  const heapMiB = getHeapStatistics().heap_size_limit / 1024 / 1024;
  return { size: Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10), heapMiB };
}

/** Waits until every workflow runs and has done its first carrier look-up (the worker is then idle). */
async function waitUntilOpen(stack: LocalStack, orders: BenchOrder[], timeoutMs: number, t0: number): Promise<{ running: number; polled: number }> {
  const query = `TaskQueue = "${stack.config.temporal.taskQueue}" AND ExecutionStatus = "Running"`;
  const deadline = performance.now() + timeoutMs;
  let lastPrint = 0;
  for (;;) {
    const running = (await stack.temporal.workflow.count(query)).count;
    const polled = orders.filter((o) => (stack.sim.store.get(o.trackingNumber)?.requests.tracking ?? 0) > 0).length;
    const done = running >= orders.length && polled >= orders.length;
    if (done || performance.now() > deadline) return { running, polled };
    if (performance.now() - lastPrint > 5_000) {
      progress(t0, `workflows running ${running}/${orders.length}, first carrier look-up done ${polled}/${orders.length}`);
      lastPrint = performance.now();
    }
    await sleep(1_000);
  }
}

async function main(): Promise<number> {
  const cache = defaultWorkflowCache();
  console.log(`bench:lifecycle — ${shipments} shipments, ${rate} events/s for ${durationS} s, poll interval ${flags['poll-interval']}`);
  const mongoPool = Number(flags['mongo-pool']);
  const stack = await startLocalStack({ pollInterval: flags['poll-interval'], worker: true, ...(mongoPool > 0 ? { mongoPoolSize: mongoPool } : {}) });
  const worker = stack.worker!;
  await sleep(3_000); // let the freshly bundled worker settle before the idle reading
  const memIdle = processMemoryMiB(worker.pid);
  console.log(`[bench] worker idle: RSS ${memIdle.rss.toFixed(0)} MiB (peak so far ${memIdle.hwm.toFixed(0)} MiB, workflow bundling)`);

  const names = { [worker.pid]: 'worker' };
  console.log(`\nPhase 1: placing ${shipments} orders (concurrency ${flags['order-concurrency']})`);
  const t1 = performance.now();
  const cpu1 = cpuSnapshot(names);
  const placed = await placeOrders(stack, shipments, Math.floor(positive(flags, 'order-concurrency')));
  const ordersPerS = (shipments - placed.failed) / (placed.elapsedMs / 1000);
  console.log(`  ${shipments - placed.failed} orders in ${(placed.elapsedMs / 1000).toFixed(1)} s = ${perSecond(ordersPerS)}${placed.failed ? `, ${placed.failed} failed` : ''}`);
  const open = await waitUntilOpen(stack, placed.orders, positive(flags, 'open-timeout') * 1000, t1);
  const openAfterS = (performance.now() - t1) / 1000;
  console.log(`  ${open.running} workflows running, ${open.polled} past their first look-up, ${openAfterS.toFixed(1)} s after the first order`);
  const phase1Cpu = cpuShare(cpu1, cpuSnapshot(names), performance.now() - t1);
  console.log(`  CPU (cores) during phase 1: ${phase1Cpu}`);
  await sleep(5_000); // idle again: last workflow tasks and activity completions flushed
  const memOpen = processMemoryMiB(worker.pid);
  const perWorkflowKiB = ((memOpen.rss - memIdle.rss) * 1024) / Math.max(1, open.running);
  console.log(`  worker RSS ${memOpen.rss.toFixed(0)} MiB with ${open.running} open → ${perWorkflowKiB.toFixed(0)} KiB per open workflow`);

  console.log(`\nPhase 2: carrier events at ${rate}/s for ${durationS} s (PU → IT → OD → DL per shipment)`);
  const t2 = performance.now();
  const cpu2 = cpuSnapshot(names);
  const data: LifecycleData = {
    apiUrl: stack.apiUrl,
    storefrontKey: stack.storefrontKey,
    secret: stack.simWebhookSecret,
    runId: stack.runId,
    orders: placed.orders,
    rate,
    durationMs: durationS * 1000,
    visiblePollMs: positive(flags, 'visible-poll-ms'),
    maxReadsInFlight: Math.floor(positive(flags, 'reads-in-flight')),
    visibleTimeoutMs: 30_000,
    baselineReads: 300,
  };
  const r = await runInThread<LifecycleData, LifecycleResult>(new URL('./bench/lifecycle-thread.ts', import.meta.url), data, (text) => progress(t2, text));
  const memEnd = processMemoryMiB(worker.pid);
  const phase2Cpu = cpuShare(cpu2, cpuSnapshot(names), performance.now() - t2);

  const bare = summarize(r.bareReads);
  const underLoad = summarize(r.readsUnderLoad);
  // Events never seen within the timeout count at the timeout (a lower bound), not dropped from the tail.
  const visible = summarize([...r.visible, ...new Array<number>(r.invisible).fill(data.visibleTimeoutMs)]);
  const lostNote = r.invisible > 0 ? ` (incl. ${r.invisible} not visible within ${data.visibleTimeoutMs / 1000} s, counted at that)` : '';
  const eventsPerS = r.accepted / (r.windowMs / 1000);
  const sendFailed = Object.values(r.sendFailures).reduce((a, b) => a + b, 0);
  console.log(`  bare read (idle):       ${short(bare)}`);
  console.log(`  read during the load:   ${short(underLoad)}`);
  console.log(`  event → visible:        ${short(visible)}${lostNote}`);
  console.log(
    `  ${r.accepted} events accepted, ${r.visible.length} visible, ${r.invisible} not visible within ${data.visibleTimeoutMs / 1000} s, ` +
      `${sendFailed} refused ${JSON.stringify(r.sendFailures)}; ${r.starved} sends skipped (every started shipment was waiting); drain ${(r.drainMs / 1000).toFixed(1)} s`,
  );
  console.log(`  CPU (cores) during phase 2: ${phase2Cpu}`);
  console.log(`  stack logs: ${logSummary()}`);

  const rateOk = rate >= TARGET_RATE && eventsPerS >= TARGET_RATE * 0.95;
  console.log(`\nSummary (2 cores shared by Temporal dev server, ${stack.mongoKind}, API + load thread, worker process)`);
  printTable([
    ['figure', 'value', 'baseline / note'],
    ['orders placed', perSecond(ordersPerS), `${shipments} via POST /api/v1/orders`],
    ['open workflows', String(open.running), `target ≥ ${TARGET_OPEN}: ${verdict(open.running >= TARGET_OPEN)}`],
    ['worker RSS idle → open', `${memIdle.rss.toFixed(0)} → ${memOpen.rss.toFixed(0)} MiB`, `after events: ${memEnd.rss.toFixed(0)} MiB, peak ${memEnd.hwm.toFixed(0)} MiB`],
    ['memory per open workflow', `${perWorkflowKiB.toFixed(0)} KiB`, `all cached: maxCachedWorkflows = SDK default ${cache.size} (heap limit ${cache.heapMiB.toFixed(0)} MiB)`],
    ['events accepted', perSecond(eventsPerS), `asked ${rate}/s`],
    ['shipments delivered', perSecond(r.delivered / (r.windowMs / 1000)), `${r.delivered} of ${r.shipmentsStarted} started`],
    ['event→visible p50', ms(visible.p50), `bare read p50 ${ms(bare.p50)} (${ratio(visible.p50, bare.p50)})`],
    ['event→visible p90', ms(visible.p90), `bare read p90 ${ms(bare.p90)} (${ratio(visible.p90, bare.p90)})`],
    ['event→visible p99', ms(visible.p99), `bare read p99 ${ms(bare.p99)} (${ratio(visible.p99, bare.p99)}); under load ${ms(underLoad.p99)} (${ratio(visible.p99, underLoad.p99)})`],
    ['event→visible max', `${r.invisible ? '≥ ' : ''}${ms(visible.max)}`, `resolution: one read every ${data.visiblePollMs} ms + read time`],
    ['p99 < 1 s at 50 events/s', verdict(rateOk ? visible.p99 < TARGET_P99_MS : undefined), rateOk ? '' : `needs --rate ≥ ${TARGET_RATE} and that rate achieved`],
  ]);

  console.log(`  CPU phase 1: ${phase1Cpu}\n  CPU phase 2: ${phase2Cpu}`);

  // Slow is a measurement (exit 0); failed requests or workflows that never opened are errors.
  const requests = shipments + r.sent + r.readsUnderLoad.length + r.readFailures;
  const failures = placed.failed + sendFailed + r.readFailures;
  const failedShare = failures / Math.max(1, requests);
  if (failedShare > 0.01 || open.running < shipments - placed.failed) {
    console.error(`\n[bench] errors: ${failures} failed of ${requests} requests (${(failedShare * 100).toFixed(2)}%), ${open.running}/${shipments} workflows open`);
    return 1;
  }
  return 0;
}

runMain(main);
