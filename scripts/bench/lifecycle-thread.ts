/**
 * Worker-thread entry of the lifecycle benchmark. First a baseline of bare order reads on the idle system,
 * then carrier events at a fixed rate as signed simulator webhooks; for the events of a sample of the
 * shipments (one in `watchEvery`) the time from the 202 answer to the first `GET /api/v1/orders/:code`
 * that shows the new status. Watching every event had the watchers' reads (up to 16 at once, all the time)
 * take about a quarter of the machine the system under test runs on; the others' next event is sent a
 * fixed gap after the previous one was accepted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HttpTimeoutError, httpRequest, keepAliveAgent } from './http-client.js';
import type { BenchOrder } from './orders.js';
import { summarize } from './latency.js';
import { signedSimWebhook } from './sim-webhook.js';
import type { ThreadMessage } from './thread.js';

export interface LifecycleData {
  apiUrl: string;
  storefrontKey: string;
  secret: string;
  runId: string;
  orders: BenchOrder[];
  /** Carrier events per second (open loop: sent on schedule whatever the answers do). */
  rate: number;
  /**
   * Events at the same rate before the measured window, reported apart: a freshly started stack compiles
   * its hot paths and opens its database connections under the first seconds of load, and on cores this
   * busy that backlog takes seconds more to drain. Steady state is what the target is about.
   */
  warmupMs: number;
  durationMs: number;
  /**
   * Pause between reads of one order while waiting for its new status: `visiblePollMs` at first, then
   * 1/`visiblePollDivisor` of the wait so far, at most `visiblePollMaxMs`. A fixed 20 ms had the watchers
   * read ~4 times per event once events queued up, a load on the API and the database that grew with the
   * very latency it measured; this keeps the resolution within 1/divisor of each latency (and the cap).
   * A twentieth still had them read ~20 times per watched event near the 1 s target (200 reads/s on the
   * 2 cores the system under test runs on); a tenth halves that for 10% resolution.
   */
  visiblePollMs: number;
  visiblePollDivisor: number;
  visiblePollMaxMs: number;
  /** Cap on concurrent reads, so the watchers cannot swamp the API they measure. */
  maxReadsInFlight: number;
  /**
   * Cap on the watchers' reads per second (a token bucket with a burst of a fifth of it). Each waiting
   * event reads on its own schedule, so without a cap the reads grow with the number of events waiting,
   * that is with the very latency measured: a slow spell had them at 130–200/s against 60/s when fast,
   * a quarter of a core more on the 2 cores everything shares, which kept the spell going. A read held
   * back by the cap is late, so the cap can only make a latency look longer, never shorter.
   */
  maxReadsPerS: number;
  /** An event not visible after this long counts as lost. */
  visibleTimeoutMs: number;
  /** Shipment i is watched (each event waits to be seen before the next) when i % watchEvery === 0. */
  watchEvery: number;
  /** For the other shipments: pause between an accepted event and the next one of the same shipment. */
  unwatchedGapMs: number;
  /** Bare reads before the load: this many, or as many as fit in `baselineMaxMs`. */
  baselineReads: number;
  baselineMaxMs: number;
}

/** What the warm-up's events did (not in the measured figures). */
export interface WarmupResult {
  sent: number;
  accepted: number;
  visible: number[];
  invisible: number;
}

export interface LifecycleResult {
  bareReads: number[];
  warmup: WarmupResult;
  /** When the measured window began (epoch ms), so the stack's own records can be cut at the same moment. */
  measuredFromEpochMs: number;
  windowMs: number;
  drainMs: number;
  sent: number;
  accepted: number;
  sendFailures: Record<string, number>;
  visible: number[];
  invisible: number;
  readsUnderLoad: number[];
  readFailures: number;
  shipmentsStarted: number;
  /** Journeys whose last event was accepted (and, for watched shipments, seen). */
  delivered: number;
  /** Accepted events of shipments not watched (no latency taken). */
  unwatched: number;
  /** Sends skipped because every started shipment still waited for its next event and none was left. */
  starved: number;
}

/** A shipment's journey; each event is sent only after the previous one is visible. */
const STEPS = [
  { code: 'PU', status: 'picked_up' },
  { code: 'IT', status: 'in_transit' },
  { code: 'OD', status: 'out_for_delivery' },
  { code: 'DL', status: 'delivered' },
] as const;

/** Takes a token per call, waiting (first come, first served) while the bucket is empty. */
function createTokenBucket(perSecond: number, burst: number): () => Promise<void> {
  let tokens = burst;
  let last = performance.now();
  let tail = Promise.resolve();
  const refill = () => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - last) * perSecond) / 1000);
    last = now;
  };
  return () => {
    const turn = tail.then(async () => {
      refill();
      if (tokens < 1) {
        await sleep(((1 - tokens) * 1000) / perSecond);
        refill();
      }
      tokens -= 1;
    });
    tail = turn;
    return turn;
  };
}

const post = (message: ThreadMessage<LifecycleResult>) => parentPort!.postMessage(message);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(d: LifecycleData): Promise<LifecycleResult> {
  const r: LifecycleResult = {
    bareReads: [], warmup: { sent: 0, accepted: 0, visible: [], invisible: 0 }, measuredFromEpochMs: 0, windowMs: d.durationMs, drainMs: 0, sent: 0, accepted: 0, sendFailures: {}, visible: [], invisible: 0,
    readsUnderLoad: [], readFailures: 0, shipmentsStarted: 0, delivered: 0, unwatched: 0, starved: 0,
  };
  const auth = { authorization: `Bearer ${d.storefrontKey}` };
  // Unbounded: the events are an open loop, and a cap would hold sends back in the agent's own queue.
  const agent = keepAliveAgent(Infinity);
  let readsInFlight = 0;
  const readLine: (() => void)[] = [];
  const readBudget = createTokenBucket(d.maxReadsPerS, Math.max(1, Math.round(d.maxReadsPerS / 5)));

  async function readStatus(code: string, into: number[], budgeted = true): Promise<string | undefined> {
    if (budgeted) await readBudget();
    if (readsInFlight >= d.maxReadsInFlight) await new Promise<void>((go) => readLine.push(go));
    readsInFlight += 1;
    const t = performance.now();
    try {
      const res = await httpRequest(agent, `${d.apiUrl}/api/v1/orders/${encodeURIComponent(code)}`, { headers: auth, timeoutMs: d.visibleTimeoutMs });
      if (res.status !== 200) throw new Error(String(res.status));
      const body = JSON.parse(res.body) as { status?: string };
      into.push(performance.now() - t);
      return body.status;
    } catch {
      r.readFailures += 1;
      return undefined;
    } finally {
      readsInFlight -= 1;
      readLine.shift()?.();
    }
  }

  // Baseline: the API + MongoDB round trip of a read, with no workflow work going on.
  const baselineEnd = performance.now() + d.baselineMaxMs;
  for (let i = 0; i < d.baselineReads && performance.now() < baselineEnd; i += 1) await readStatus(d.orders[i % d.orders.length]!.code, r.bareReads, false);
  post({ type: 'progress', text: `bare read baseline: ${r.bareReads.length} reads` });

  interface Track {
    order: BenchOrder;
    step: number;
    watched: boolean;
  }
  const ready: Track[] = [];
  let fresh = 0;
  let pending = 0;
  let stopped = false;

  /** Journeys count as delivered in the window their last event was sent in (the warm-up's are not counted). */
  const advance = (track: Track, measured: boolean) => {
    track.step += 1;
    if (track.step < STEPS.length) ready.push(track);
    else if (measured) r.delivered += 1;
  };

  /** Where an event's figures go: the warm-up's, or the measured window's (by when it was sent). */
  const phaseOf = (): WarmupResult => (performance.now() < measuredFrom ? r.warmup : r);

  async function fire(track: Track): Promise<void> {
    const step = STEPS[track.step]!;
    const phase = phaseOf();
    const measured = phase === r;
    phase.sent += 1;
    const hook = signedSimWebhook(d.secret, track.order.trackingNumber, `${d.runId}-${track.order.code}-${step.code}`, step.code);
    // A carrier gives up on a webhook that is not answered in time; so does this client (counted as a failure).
    const res = await httpRequest(agent, `${d.apiUrl}/webhooks/simulator`, { method: 'POST', headers: hook.headers, body: hook.body, timeoutMs: d.visibleTimeoutMs }).catch(
      (err: unknown) => (err instanceof HttpTimeoutError ? 'timeout' : 'error'),
    );
    const t0 = performance.now();
    if (typeof res === 'string' || res.status !== 202) {
      const key = typeof res === 'string' ? res : String(res.status);
      r.sendFailures[key] = (r.sendFailures[key] ?? 0) + 1;
      return; // the shipment is dropped from the run; the failure is reported
    }
    phase.accepted += 1;
    if (!track.watched) {
      if (measured) r.unwatched += 1;
      setTimeout(() => advance(track, measured), d.unwatchedGapMs);
      return;
    }
    pending += 1;
    try {
      for (;;) {
        await sleep(Math.min(d.visiblePollMaxMs, Math.max(d.visiblePollMs, (performance.now() - t0) / d.visiblePollDivisor)));
        if (stopped) return; // counted below, when the drain gave up
        if ((await readStatus(track.order.code, measured ? r.readsUnderLoad : [])) === step.status) break;
        if (performance.now() - t0 > d.visibleTimeoutMs) {
          phase.invisible += 1;
          return;
        }
      }
      // Seen only after the timeout (a slow read, or a wait for a read slot): reported as "not within", like the rest.
      const latency = performance.now() - t0;
      if (latency > d.visibleTimeoutMs) phase.invisible += 1;
      else phase.visible.push(latency);
    } finally {
      pending -= 1;
    }
    advance(track, measured);
  }

  const start = performance.now();
  const measuredFrom = start + d.warmupMs;
  r.measuredFromEpochMs = Date.now() + d.warmupMs;
  const end = measuredFrom + d.durationMs;
  setTimeout(() => post({ type: 'mark', name: 'measured' }), d.warmupMs);
  const inFlight: Promise<void>[] = [];
  // Each line's percentiles are of the events seen since the line before: a transient (a burst still
  // draining, a neighbour's load) shows where it happened instead of fading into a running figure.
  let seenBefore = 0;
  let seenIn = r.warmup.visible;
  const ticker = setInterval(() => {
    const phase = phaseOf();
    if (phase.visible !== seenIn) [seenIn, seenBefore] = [phase.visible, 0];
    const s = summarize(phase.visible.slice(seenBefore));
    seenBefore = phase.visible.length;
    const elapsed = (performance.now() - (phase === r ? measuredFrom : start)) / 1000;
    post({
      type: 'progress',
      text:
        `${phase === r ? '' : 'warm-up: '}events sent ${phase.sent} (${(phase.accepted / elapsed).toFixed(1)}/s accepted), visible ${phase.visible.length}, waiting ${pending}, ` +
        `delivered ${r.delivered}, last 5 s p50 ${s.p50.toFixed(0)} ms p99 ${s.p99.toFixed(0)} ms${phase === r ? `, reads ${(r.readsUnderLoad.length / elapsed).toFixed(0)}/s` : ''}`,
    });
  }, 5_000);
  let issued = 0;
  while (performance.now() < end) {
    const due = Math.floor(((performance.now() - start) * d.rate) / 1000);
    for (; issued < due; issued += 1) {
      // Shipments under way go first, so journeys complete within the run; fresh ones fill the rate.
      const track = ready.shift() ?? (fresh < d.orders.length ? { order: d.orders[fresh]!, step: 0, watched: fresh++ % d.watchEvery === 0 } : undefined);
      if (!track) {
        r.starved += 1;
        continue;
      }
      inFlight.push(fire(track));
    }
    // Until the next event is due (not a fixed 2 ms: 500 wake-ups a second on the cores under test).
    await sleep(Math.max(1, start + ((issued + 1) * 1000) / d.rate - performance.now()));
  }
  // The drain is bounded: whatever is not visible (or not even answered) by then counts as not visible.
  const drainStart = performance.now();
  await Promise.race([Promise.all(inFlight), sleep(d.visibleTimeoutMs + 5_000)]);
  stopped = true;
  r.invisible += pending;
  clearInterval(ticker);
  r.drainMs = performance.now() - drainStart;
  r.shipmentsStarted = fresh;
  agent.destroy();
  return r;
}

main(workerData as LifecycleData).then(
  (result) => post({ type: 'result', result }),
  (err: unknown) => post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
);
