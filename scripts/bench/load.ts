/**
 * HTTP load for one target: a closed loop (fixed concurrency, as fast as answers come) or an open loop
 * (fixed arrival rate, capped in-flight). Requests come from `next()`, which the caller fills before the
 * timed window so request preparation (signing) is not measured. Requests go through the benchmarks'
 * node:http client (http-client.ts), which costs about half the CPU per request that fetch did.
 */
import { httpRequest, keepAliveAgent } from './http-client.js';

export interface LoadPlan {
  url: string;
  mode: 'closed' | 'open';
  /** Closed: workers in the loop. Open: the most requests in flight; more wait in line (and it counts). */
  concurrency: number;
  /** Open loop: requests per second. */
  rate?: number;
  warmupMs: number;
  durationMs: number;
  /** The answer status that counts as success (202 for webhooks). */
  okStatus: number;
  next(): { body: string; headers: Record<string, string> };
}

export interface LoadResult {
  mode: LoadPlan['mode'];
  windowMs: number;
  /** Successful answers completed inside the timed window. */
  okInWindow: number;
  /** Latency (ms) of requests started inside the timed window; open loop counts from the scheduled time. */
  latencies: number[];
  /** Every answer (warm-up, window and drain) by status; `error` = no answer. */
  statuses: Record<string, number>;
  /** Open loop: requests that had to wait for a free slot because `concurrency` were in flight. */
  queued: number;
  /**
   * Open loop: requests still waiting for a slot when the window closed; never sent (the run stays bounded).
   * Their latency is counted as the time they had waited by then, a lower bound.
   */
  unsent: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLoad(plan: LoadPlan, onProgress: (text: string) => void): Promise<LoadResult> {
  const start = performance.now();
  const windowStart = start + plan.warmupMs;
  const end = windowStart + plan.durationMs;
  const result: LoadResult = { mode: plan.mode, windowMs: plan.durationMs, okInWindow: 0, latencies: [], statuses: {}, queued: 0, unsent: 0 };
  const url = new URL(plan.url);
  const agent = keepAliveAgent(plan.concurrency);

  async function send(scheduledAt: number): Promise<void> {
    const { body, headers } = plan.next();
    let status = 'error';
    try {
      status = String((await httpRequest(agent, url, { method: 'POST', headers, body })).status);
    } catch {
      // counted as 'error' below
    }
    const done = performance.now();
    result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    if (scheduledAt >= windowStart && scheduledAt < end) result.latencies.push(done - scheduledAt);
    if (status === String(plan.okStatus) && done >= windowStart && done < end) result.okInWindow += 1;
  }

  const ticker = setInterval(() => {
    const now = performance.now();
    const phase = now < windowStart ? 'warm-up' : 'measuring';
    const done = Object.values(result.statuses).reduce((a, b) => a + b, 0);
    onProgress(`${phase}: ${done} answered, ${result.okInWindow} ok in window, ${(result.okInWindow / Math.max(0.001, (now - windowStart) / 1000)).toFixed(0)}/s`);
  }, 5_000);
  try {
    if (plan.mode === 'closed') {
      await Promise.all(
        Array.from({ length: plan.concurrency }, async () => {
          while (performance.now() < end) await send(performance.now());
        }),
      );
    } else {
      const rate = plan.rate ?? 1;
      const waiting: number[] = [];
      let inFlight = 0;
      const inFlightDone: Promise<void>[] = [];
      const launch = (scheduledAt: number) => {
        inFlight += 1;
        const p = send(scheduledAt).finally(() => {
          inFlight -= 1;
          const nextAt = waiting.shift();
          if (nextAt !== undefined) launch(nextAt);
        });
        inFlightDone.push(p);
      };
      let issued = 0;
      while (performance.now() < end) {
        const due = Math.floor(((performance.now() - start) * rate) / 1000);
        for (; issued < due; issued += 1) {
          const scheduledAt = start + (issued * 1000) / rate;
          if (inFlight < plan.concurrency) launch(scheduledAt);
          else {
            result.queued += 1;
            waiting.push(scheduledAt);
          }
        }
        await sleep(1);
      }
      // Whatever still waits for a slot is not sent; what is in flight is answered (counted in `statuses`).
      for (const scheduledAt of waiting.splice(0)) {
        result.unsent += 1;
        if (scheduledAt >= windowStart) result.latencies.push(end - scheduledAt);
      }
      await Promise.all(inFlightDone);
    }
  } finally {
    clearInterval(ticker);
    agent.destroy();
  }
  return result;
}
