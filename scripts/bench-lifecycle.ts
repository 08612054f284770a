/**
 * `npm run bench:lifecycle`: starts N shipments against a local stack and drives them to delivered with
 * simulated carrier events. Prints orders/s, events/s, event→visible latency (202 answer to the status
 * showing in the API, on one shipment in --watch-every) beside a bare read measured in the same run, and
 * worker memory per open workflow. The events start once the stack is idle after the orders, and the first
 * --warmup seconds of them are reported apart: the target is about the steady state.
 * Target (2 cores, dev server): ≥ 1,000 concurrently open workflows, p99 event→visible < 1 s at 50 events/s.
 * Exit code 0 whatever the figures (it is a measurement), 1 on errors (> 1% failed requests).
 */
import { parseFlags, positive } from './bench/cli-args.js';
import { runMain } from './bench/cleanup.js';
import { cpuShare, cpuSnapshot, waitForQuiet } from './bench/cpu.js';
import { relayLagsMs } from './bench/inbox.js';
import { printLifecycleSummary } from './bench/lifecycle-report.js';
import type { LifecycleData, LifecycleResult } from './bench/lifecycle-thread.js';
import { startLocalStack } from './bench/local-stack.js';
import { waitUntilOpen } from './bench/open-workflows.js';
import { placeOrders } from './bench/orders.js';
import { machineLoad, perSecond, progress } from './bench/report.js';
import { runInThread } from './bench/thread.js';
import { processMemoryMiB } from './bench/worker-process.js';

const flags = parseFlags(
  process.argv.slice(2),
  {
    shipments: { default: '1000', help: 'orders (workflows) to open' },
    rate: { default: '50', help: 'carrier events per second' },
    warmup: { default: '10', help: 'seconds of event load before the measured window (reported apart)' },
    duration: { default: '60', help: 'seconds of event load' },
    'poll-interval': { default: '30m', help: 'SHIPMENT_POLL_INTERVAL (long, so polls do not interfere)' },
    'order-concurrency': { default: '8', help: 'orders placed in parallel' },
    'place-budget': { default: '60', help: 'seconds at most for placing orders (bounds the run on a slow database)' },
    'open-timeout': { default: '30', help: 'seconds at most to wait for the placed workflows to be open and idle' },
    'visible-poll-ms': { default: '20', help: 'first pause between reads while waiting for a new status' },
    'visible-poll-divisor': { default: '10', help: 'later pauses: this fraction of the wait so far (10 = a tenth)' },
    'visible-poll-max-ms': { default: '250', help: 'longest pause between reads while waiting for a new status' },
    'reads-in-flight': { default: '16', help: 'most concurrent status reads' },
    'reads-per-s': { default: '80', help: 'most status reads per second (all watchers together)' },
    'visible-timeout': { default: '30', help: 'seconds after which an event not yet visible counts as lost' },
    'watch-every': { default: '5', help: 'watch one shipment in this many (its events wait to be seen; 1 = all)' },
    'unwatched-gap': { default: '2', help: 'seconds between the events of a shipment not watched' },
    'quiet-cores': { default: '0.3', help: 'before the events, wait until the whole stack uses fewer cores than this' },
    'quiet-timeout': { default: '60', help: 'seconds at most to wait for that' },
    'mongo-pool': { default: '0', help: 'MongoDB driver maxPoolSize per process (0 = driver default, 100)' },
  },
  'Usage: npm run bench:lifecycle -- [--shipments 1000] [--rate 50] [--duration 60]\n' +
    'Set BENCH_MONGODB_URI=mongodb://127.0.0.1:27017 to use a running mongod instead of the embedded server.',
);
const shipments = Math.floor(positive(flags, 'shipments'));
const rate = positive(flags, 'rate');
const durationS = positive(flags, 'duration');
const warmupS = Number(flags.warmup);
if (!Number.isFinite(warmupS) || warmupS < 0) throw new Error('--warmup must be a number of seconds ≥ 0');

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

async function main(): Promise<number> {
  console.log(`bench:lifecycle — ${shipments} shipments, ${rate} events/s for ${durationS} s, poll interval ${flags['poll-interval']}; ${machineLoad()}`);
  const mongoPool = Number(flags['mongo-pool']);
  const stack = await startLocalStack({ pollInterval: flags['poll-interval'], worker: true, ...(mongoPool > 0 ? { mongoPoolSize: mongoPool } : {}) });
  const worker = stack.worker!;
  const names = { [worker.pid]: 'worker' };
  await sleep(3_000); // let the freshly bundled worker settle before the idle reading
  const memIdle = processMemoryMiB(worker.pid);
  console.log(`[bench] worker idle: RSS ${memIdle.rss.toFixed(0)} MiB (peak so far ${memIdle.hwm.toFixed(0)} MiB, from bundling the workflows)`);

  console.log(`\nPhase 1: placing ${shipments} orders (concurrency ${flags['order-concurrency']}, at most ${flags['place-budget']} s)`);
  const t1 = performance.now();
  const cpu1 = cpuSnapshot(names);
  const placed = await placeOrders(stack, shipments, Math.floor(positive(flags, 'order-concurrency')), positive(flags, 'place-budget') * 1000);
  const ordersPerS = placed.orders.length / (placed.elapsedMs / 1000);
  console.log(`  ${placed.orders.length} orders in ${(placed.elapsedMs / 1000).toFixed(1)} s = ${perSecond(ordersPerS)}${placed.failed ? `, ${placed.failed} failed` : ''}`);
  const open = await waitUntilOpen(stack, placed.orders, positive(flags, 'open-timeout') * 1000, t1);
  console.log(`  ${open.running} workflows running, ${open.polled} past their first look-up, ${((performance.now() - t1) / 1000).toFixed(1)} s after the first order`);
  const phase1Cpu = cpuShare(cpu1, cpuSnapshot(names), performance.now() - t1);
  // Idle again before the events: last workflow tasks, projections and the server's own queues flushed.
  const quietCores = positive(flags, 'quiet-cores');
  const quiet = await waitForQuiet(names, quietCores, positive(flags, 'quiet-timeout') * 1000);
  console.log(`  stack ${quiet.cores < quietCores ? 'quiet' : 'still busy'}: ${quiet.cores.toFixed(2)} cores in the last second, ${(quiet.waitedMs / 1000).toFixed(0)} s after the look-ups`);
  const memOpen = processMemoryMiB(worker.pid);

  console.log(`\nPhase 2: carrier events at ${rate}/s for ${warmupS} s of warm-up, then ${durationS} s measured (PU → IT → OD → DL per shipment)`);
  const t2 = performance.now();
  // CPU of the measured window only (the thread marks its start, after the baseline reads and the warm-up).
  let cpu2 = { at: t2, snapshot: cpuSnapshot(names) };
  const data: LifecycleData = {
    apiUrl: stack.apiUrl,
    storefrontKey: stack.storefrontKey,
    secret: stack.simWebhookSecret,
    runId: stack.runId,
    orders: placed.orders,
    rate,
    warmupMs: warmupS * 1000,
    durationMs: durationS * 1000,
    visiblePollMs: positive(flags, 'visible-poll-ms'),
    visiblePollDivisor: positive(flags, 'visible-poll-divisor'),
    visiblePollMaxMs: positive(flags, 'visible-poll-max-ms'),
    maxReadsInFlight: Math.floor(positive(flags, 'reads-in-flight')),
    maxReadsPerS: positive(flags, 'reads-per-s'),
    visibleTimeoutMs: positive(flags, 'visible-timeout') * 1000,
    watchEvery: Math.floor(positive(flags, 'watch-every')),
    unwatchedGapMs: positive(flags, 'unwatched-gap') * 1000,
    baselineReads: 300,
    baselineMaxMs: 5_000,
  };
  const result =
    placed.orders.length > 0
      ? await runInThread<LifecycleData, LifecycleResult>(new URL('./bench/lifecycle-thread.ts', import.meta.url), data, (text) => progress(t2, text), (mark) => {
          if (mark === 'measured') cpu2 = { at: performance.now(), snapshot: cpuSnapshot(names) };
        })
      : undefined;
  if (!result) throw new Error('no order was placed; nothing to measure');
  const memEnd = processMemoryMiB(worker.pid);
  const phase2Cpu = cpuShare(cpu2.snapshot, cpuSnapshot(names), performance.now() - cpu2.at);

  const failed = printLifecycleSummary({
    asked: { shipments, rate },
    mongoKind: stack.mongoKind,
    ordersPerS,
    placed: placed.orders.length,
    placeFailed: placed.failed,
    open,
    memory: { idle: memIdle, open: memOpen, end: memEnd },
    cpu: { phase1: phase1Cpu, phase2: phase2Cpu },
    relayLags: await relayLagsMs(stack.mongo, new Date(result.measuredFromEpochMs)),
    visibleTimeoutMs: data.visibleTimeoutMs,
    warmupMs: data.warmupMs,
    visiblePollMs: data.visiblePollMs,
    visiblePollDivisor: data.visiblePollDivisor,
    visiblePollMaxMs: data.visiblePollMaxMs,
    maxReadsPerS: data.maxReadsPerS,
    watchEvery: data.watchEvery,
    result,
  });
  console.log(`  at the end: ${machineLoad()}`);
  return failed ? 1 : 0;
}

runMain(main);
