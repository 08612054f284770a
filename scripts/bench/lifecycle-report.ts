import { getHeapStatistics } from 'node:v8';
import { ms, ratio, short, summarize } from './latency.js';
import type { LifecycleResult } from './lifecycle-thread.js';
import { logSummary } from './log-sink.js';
import { perSecond, printTable, verdict } from './report.js';

const TARGET_OPEN = 1_000;
const TARGET_P99_MS = 1_000;
const TARGET_RATE = 50;

export interface LifecycleFigures {
  asked: { shipments: number; rate: number };
  mongoKind: string;
  ordersPerS: number;
  placed: number;
  placeFailed: number;
  open: { running: number; polled: number };
  memory: { idle: { rss: number; hwm: number }; open: { rss: number; hwm: number }; end: { rss: number; hwm: number } };
  cpu: { phase1: string; phase2: string };
  /** Webhook receipt → relay recorded, per event (the API's share of event→visible). */
  relayLags: number[];
  visibleTimeoutMs: number;
  /** Load before the measured window (its figures are printed apart). */
  warmupMs: number;
  visiblePollMs: number;
  visiblePollDivisor: number;
  visiblePollMaxMs: number;
  maxReadsPerS: number;
  watchEvery: number;
  result: LifecycleResult;
}

/** The worker does not set maxCachedWorkflows, so the SDK (1.24) default applies: a share of the V8 heap limit. */
function defaultWorkflowCache(): { size: number; heapMiB: number } {
  const heapMiB = getHeapStatistics().heap_size_limit / 1024 / 1024;
  return { size: Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10), heapMiB };
}

/** Prints phase 2's figures and the summary table; returns true when the run had errors (> 1% failed requests). */
export function printLifecycleSummary(f: LifecycleFigures): boolean {
  const r = f.result;
  const cache = defaultWorkflowCache();
  const bare = summarize(r.bareReads);
  const underLoad = summarize(r.readsUnderLoad);
  // Events never seen within the timeout count at the timeout (a lower bound), not dropped from the tail.
  const visible = summarize([...r.visible, ...new Array<number>(r.invisible).fill(f.visibleTimeoutMs)]);
  const eventsPerS = r.accepted / (r.windowMs / 1000);
  const sendFailed = Object.values(r.sendFailures).reduce((a, b) => a + b, 0);
  const perWorkflowKiB = ((f.memory.open.rss - f.memory.idle.rss) * 1024) / Math.max(1, f.open.running);
  const timeoutS = f.visibleTimeoutMs / 1000;

  console.log(`  bare read (idle):       ${short(bare)}`);
  console.log(`  read during the load:   ${short(underLoad)}`);
  console.log(`  event → visible:        ${short(visible)}${r.invisible ? ` (incl. ${r.invisible} not visible within ${timeoutS} s, counted at ${timeoutS} s)` : ''}`);
  console.log(
    `  ${r.accepted} events accepted (${r.accepted - r.unwatched} on the watched shipments, one in ${f.watchEvery}), ${r.visible.length} seen, ${sendFailed} refused ${sendFailed ? JSON.stringify(r.sendFailures) : ''}; ` +
      `${r.starved} sends skipped (every placed shipment was waiting for its next event); drain ${(r.drainMs / 1000).toFixed(1)} s`,
  );
  if (f.warmupMs > 0) {
    const w = r.warmup;
    const warm = summarize([...w.visible, ...new Array<number>(w.invisible).fill(f.visibleTimeoutMs)]);
    console.log(`  warm-up (the ${(f.warmupMs / 1000).toFixed(0)} s before, not in these figures): ${w.accepted} of ${w.sent} events accepted; event → visible ${short(warm)}`);
  }
  console.log(`  webhook → signalled:    ${short(summarize(f.relayLags))} (every event; API: inbox write + order look-up + signal + relay saved)`);
  console.log(`  stack logs: ${logSummary()}`);

  const rateOk = f.asked.rate >= TARGET_RATE && eventsPerS >= TARGET_RATE * 0.95;
  // A percentile that lands on a censored sample is a lower bound.
  const atLeast = (value: number) => `${r.invisible && value >= f.visibleTimeoutMs ? '≥ ' : ''}${ms(value)}`;
  console.log(`\nSummary (2 cores shared by the Temporal dev server, ${f.mongoKind}, this process (API + load thread) and the worker process)`);
  printTable([
    ['figure', 'value', 'baseline / note'],
    ['orders placed', perSecond(f.ordersPerS), `${f.placed} of ${f.asked.shipments} asked via POST /api/v1/orders${f.placeFailed ? `, ${f.placeFailed} failed` : ''}`],
    ['open workflows', String(f.open.running), `target ≥ ${TARGET_OPEN}: ${verdict(f.open.running >= TARGET_OPEN)}`],
    ['worker RSS idle → open', `${f.memory.idle.rss.toFixed(0)} → ${f.memory.open.rss.toFixed(0)} MiB`, `after the events ${f.memory.end.rss.toFixed(0)} MiB, peak ${f.memory.end.hwm.toFixed(0)} MiB`],
    ['memory per open workflow', `${perWorkflowKiB.toFixed(0)} KiB`, `all cached: maxCachedWorkflows = SDK default ${cache.size} (heap limit ${cache.heapMiB.toFixed(0)} MiB)`],
    ['events accepted', perSecond(eventsPerS), `asked ${f.asked.rate}/s`],
    ['shipments delivered', perSecond(r.delivered / (r.windowMs / 1000)), `${r.delivered} of ${r.shipmentsStarted} started`],
    ['event→visible p50', atLeast(visible.p50), `bare read p50 ${ms(bare.p50)} (${ratio(visible.p50, bare.p50)})`],
    ['event→visible p90', atLeast(visible.p90), `bare read p90 ${ms(bare.p90)} (${ratio(visible.p90, bare.p90)})`],
    ['event→visible p99', atLeast(visible.p99), `bare read p99 ${ms(bare.p99)} (${ratio(visible.p99, bare.p99)}); read under load ${ms(underLoad.p99)}`],
    ['webhook → signalled p99', ms(summarize(f.relayLags).p99), `the API's share (p50 ${ms(summarize(f.relayLags).p50)}); the rest is the worker's`],
    ['event→visible max', atLeast(visible.max), `resolution: reads ${f.visiblePollMs} ms apart, then 1/${f.visiblePollDivisor} of the wait (≤ ${f.visiblePollMaxMs} ms), ≤ ${f.maxReadsPerS} reads/s in all, + the read's time`],
    [`p99 < 1 s at ${TARGET_RATE} events/s`, verdict(rateOk ? visible.p99 < TARGET_P99_MS : f.asked.rate >= TARGET_RATE ? false : undefined), rateOk ? '' : `(${perSecond(eventsPerS)} achieved)`],
  ]);
  console.log(`  CPU (cores) phase 1: ${f.cpu.phase1}`);
  console.log(`  CPU (cores) phase 2: ${f.cpu.phase2}`);

  // Slow is a measurement (exit 0); failed requests are errors.
  const requests = f.placed + f.placeFailed + r.sent + r.readsUnderLoad.length + r.bareReads.length + r.readFailures;
  const failures = f.placeFailed + sendFailed + r.readFailures;
  if (failures / Math.max(1, requests) > 0.01) {
    console.error(`\n[bench] errors: ${failures} of ${requests} requests failed (${((failures / requests) * 100).toFixed(2)}%)`);
    return true;
  }
  return false;
}
