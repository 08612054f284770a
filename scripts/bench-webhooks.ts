/**
 * `npm run bench:webhooks`: sustained carrier-webhook ingest against a local stack, beside a bare Hono
 * handler loaded by the identical client in the same run. Two load shapes per target: a closed loop
 * (fixed concurrency, how many webhooks/s are accepted at most) and an open loop at the target rate
 * (answer latency at that rate, free of coordinated omission). Then checks durability: inbox entries ==
 * 202 answers. Target (2 cores): ≥ 500 webhooks/s accepted durably, p99 answer < 50 ms.
 * The relay is on, as in production (each stored webhook is signalled to its workflow right after the
 * inbox write); the worker is off unless --with-worker, so the 2 cores measure intake, not the workflows.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseFlags, positive } from './bench/cli-args.js';
import { runMain } from './bench/cleanup.js';
import { cpuShare, cpuSnapshot } from './bench/cpu.js';
import { startBareHono } from './bench/bare-hono.js';
import { inboxCounts, waitForRelay } from './bench/inbox.js';
import { startLocalStack } from './bench/local-stack.js';
import { logSummary } from './bench/log-sink.js';
import { placeOrders } from './bench/orders.js';
import { machineLoad, progress } from './bench/report.js';
import { runInThread } from './bench/thread.js';
import type { WebhookLoadData, WebhookLoadResult } from './bench/webhook-load-thread.js';
import { printWebhookSummary, type WebhookRun } from './bench/webhooks-report.js';
import { simulatorTrackingNumber } from '../src/carriers/tracking-number/index.js';

const flags = parseFlags(
  process.argv.slice(2),
  {
    concurrency: { default: '32', help: 'connections of the closed loop (and most in flight in the open loop)' },
    duration: { default: '20', help: 'measured seconds per run' },
    warmup: { default: '3', help: 'unmeasured seconds before each run' },
    rate: { default: '500', help: 'webhooks per second of the open-loop runs' },
    // 1,000 shipments at 500/s: each gets a webhook every 2 s, so a relay batch seldom holds two for one
    // shipment (as in production, where a shipment's webhooks are hours apart). With 50, ten webhooks a
    // second per shipment shared look-ups and signals, and the relay did a fraction of production's work.
    orders: { default: '1000', help: 'orders created first, whose tracking numbers the webhooks carry (round-robin)' },
    'relay-wait': { default: '300', help: 'seconds the relay may take to signal the closed loop\'s backlog before the open loop starts' },
    match: { default: 'matched', help: '"matched" (webhooks for existing orders, relayed as signals) or "unmatched"' },
    'with-worker': { default: 'false', help: 'also run the worker process, so signals are processed during the load' },
    'mongo-pool': { default: '0', help: 'MongoDB driver maxPoolSize (0 = driver default, 100)' },
  },
  'Usage: npm run bench:webhooks -- [--concurrency 32] [--duration 20] [--rate 500]\n' +
    'Set BENCH_MONGODB_URI=mongodb://127.0.0.1:27017 to use a running mongod instead of the embedded server.',
);
const concurrency = Math.floor(positive(flags, 'concurrency'));
const rate = positive(flags, 'rate');
const warmupMs = positive(flags, 'warmup') * 1000;
const durationMs = positive(flags, 'duration') * 1000;
if (!['matched', 'unmatched'].includes(flags.match)) throw new Error('--match must be "matched" or "unmatched"');

async function main(): Promise<number> {
  const withWorker = flags['with-worker'] === 'true';
  const mongoPool = Number(flags['mongo-pool']);
  console.log(`bench:webhooks — closed loop ${concurrency} connections and open loop ${rate}/s, ${durationMs / 1000} s each after ${warmupMs / 1000} s warm-up; ${flags.match} webhooks, relay on, worker ${withWorker ? 'on' : 'off'}; ${machineLoad()}`);
  const stack = await startLocalStack({ pollInterval: '30m', worker: withWorker, ...(mongoPool > 0 ? { mongoPoolSize: mongoPool } : {}) });
  const bareUrl = await startBareHono();
  const names = stack.worker ? { [stack.worker.pid]: 'worker' } : {};

  const orderCount = Math.floor(positive(flags, 'orders'));
  let trackingNumbers: string[];
  if (flags.match === 'matched') {
    console.log(`\nCreating ${flags.orders} orders for the webhooks to match…`);
    const placed = await placeOrders(stack, orderCount, 16);
    if (placed.orders.length === 0) throw new Error('no order could be placed');
    trackingNumbers = placed.orders.map((o) => o.trackingNumber);
    console.log(`  ${placed.orders.length} orders in ${(placed.elapsedMs / 1000).toFixed(1)} s`);
  } else {
    // Numbers no order carries: each webhook is stored and listed as unmatched, with no Temporal call.
    trackingNumbers = Array.from({ length: orderCount }, (_, i) => simulatorTrackingNumber(990_000_000_000 + i));
  }

  const runs: WebhookRun[] = [];
  let serial = 0;
  async function load(target: 'bare' | 'api', mode: 'closed' | 'open'): Promise<WebhookRun> {
    const url = target === 'bare' ? `${bareUrl}/webhooks/simulator` : `${stack.apiUrl}/webhooks/simulator`;
    const label = `${target === 'bare' ? 'bare Hono' : 'API'} ${mode === 'closed' ? `closed loop (${concurrency} connections)` : `open loop (${rate}/s)`}`;
    console.log(`\n${label}`);
    const seconds = (warmupMs + durationMs) / 1000;
    const data: WebhookLoadData = {
      plan: { url, mode, concurrency, rate, warmupMs, durationMs, okStatus: 202 },
      runId: `${stack.runId}-${serial++}`,
      secret: stack.simWebhookSecret,
      trackingNumbers,
      // Enough signed bodies for the whole run at up to ~4,000/s closed loop (the bare handler may outrun it).
      poolSize: Math.ceil((mode === 'open' ? rate * 1.05 : 4_000) * seconds),
    };
    const start = performance.now();
    const cpuBefore = cpuSnapshot(names);
    // The API (or bare handler) shares this process's event loop with the relay: its delay is answer latency.
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    // The relay's backlog beside each progress line: whether it keeps pace with the load, or falls behind.
    const backlog = () => (target === 'api' ? `; relay backlog ${stack.services.webhookRelay.backlog()}` : '');
    const result = await runInThread<WebhookLoadData, WebhookLoadResult>(new URL('./bench/webhook-load-thread.ts', import.meta.url), data, (text) => progress(start, text + backlog()));
    const relayBacklogAtEnd = target === 'api' ? { webhooks: stack.services.webhookRelay.backlog(), seconds } : undefined;
    loopDelay.disable();
    const eventLoopDelayMs = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
    const run: WebhookRun = { target, mode, label, result, cpu: cpuShare(cpuBefore, cpuSnapshot(names), performance.now() - start), eventLoopDelayMs, ...(relayBacklogAtEnd !== undefined ? { relayBacklogAtEnd } : {}) };
    runs.push(run);
    return run;
  }

  // Baselines first, on a quiet stack: afterwards the API's relay sweep scans a grown inbox every second.
  await load('bare', 'closed');
  await load('bare', 'open');
  await load('api', 'closed');
  console.log('\nWaiting for the relay to signal what the closed loop stored…');
  // The open loop measures answers beside a relay that keeps pace, not beside the closed loop's drain.
  const relayAfterClosed = await waitForRelay(stack.mongo, stack.services.webhookRelay, positive(flags, 'relay-wait') * 1000);
  await load('api', 'open');
  console.log('\nWaiting for the relay again, then checking durability…');
  const relayAfterOpen = await waitForRelay(stack.mongo, stack.services.webhookRelay, 60_000);
  const inbox = await inboxCounts(stack.mongo);
  console.log(`  stack logs: ${logSummary()}`);

  const failed = printWebhookSummary({
    runs,
    inbox,
    relay: { afterClosed: relayAfterClosed, afterOpen: relayAfterOpen },
    targetRate: rate,
    mongoKind: stack.mongoKind,
    match: flags.match,
    withWorker,
  });
  console.log(`  at the end: ${machineLoad()}`);
  return failed ? 1 : 0;
}

runMain(main);
