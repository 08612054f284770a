/**
 * An open-loop load generator: requests are scheduled at a fixed rate whatever the answers do, and each
 * one's latency is measured from its scheduled send time, so time spent waiting (for a free connection,
 * for this process's event loop) counts as latency rather than being hidden (no coordinated omission).
 * `send` does one request (HTTP over keep-alive connections, or a database call) and returns its outcome.
 */
export interface OpenLoopPlan {
  /** Requests per second. */
  rate: number;
  warmupMs: number;
  durationMs: number;
  /** The most requests in flight (the keep-alive connections); more wait in line, and it counts. */
  maxInFlight: number;
  /** One request, `i` its serial number; resolves with its outcome ('200', '404', 'error', …). */
  send(i: number): Promise<string>;
  /** The outcome that counts as success. */
  ok: string;
}

export interface OpenLoopResult {
  windowMs: number;
  /** Successful answers completed inside the measured window. */
  okInWindow: number;
  /** Latency (ms, from the scheduled time) of requests scheduled inside the measured window. */
  latencies: number[];
  /** Every outcome (warm-up, window and drain). */
  outcomes: Record<string, number>;
  /** Requests that waited in line for a free slot. */
  queued: number;
  /** Requests still in line when the window closed: never sent; counted at the wait they had by then. */
  unsent: number;
}

const tick = () => new Promise((r) => setTimeout(r, 1));

export async function runOpenLoop(plan: OpenLoopPlan, onProgress: (text: string) => void): Promise<OpenLoopResult> {
  const start = performance.now();
  const windowStart = start + plan.warmupMs;
  const end = windowStart + plan.durationMs;
  const result: OpenLoopResult = { windowMs: plan.durationMs, okInWindow: 0, latencies: [], outcomes: {}, queued: 0, unsent: 0 };
  const waiting: number[] = [];
  const pending = new Set<Promise<void>>();
  let inFlight = 0;
  let serial = 0;

  const launch = (scheduledAt: number) => {
    inFlight += 1;
    const p = plan
      .send(serial++)
      .catch(() => 'error')
      .then((outcome) => {
        const done = performance.now();
        result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
        if (scheduledAt >= windowStart && scheduledAt < end) result.latencies.push(done - scheduledAt);
        if (outcome === plan.ok && done >= windowStart && done < end) result.okInWindow += 1;
      })
      .finally(() => {
        inFlight -= 1;
        pending.delete(p);
        const next = waiting.shift();
        if (next !== undefined) launch(next);
      });
    pending.add(p);
  };

  const ticker = setInterval(() => {
    const now = performance.now();
    const answered = Object.values(result.outcomes).reduce((a, b) => a + b, 0);
    const rate = now > windowStart ? `, ${(result.okInWindow / ((now - windowStart) / 1000)).toFixed(0)}/s ok in window` : '';
    onProgress(`${now < windowStart ? 'warm-up' : 'measuring'}: ${answered} answered, ${inFlight} in flight, ${waiting.length} waiting${rate}`);
  }, 5_000);
  try {
    let issued = 0;
    while (performance.now() < end) {
      const due = Math.floor(((performance.now() - start) * plan.rate) / 1000);
      for (; issued < due; issued += 1) {
        const scheduledAt = start + (issued * 1000) / plan.rate;
        if (scheduledAt >= end) break;
        if (inFlight < plan.maxInFlight) launch(scheduledAt);
        else {
          result.queued += 1;
          waiting.push(scheduledAt);
        }
      }
      await tick();
    }
    for (const scheduledAt of waiting.splice(0)) {
      result.unsent += 1;
      if (scheduledAt >= windowStart) result.latencies.push(end - scheduledAt);
    }
    while (pending.size > 0) await Promise.all([...pending]);
  } finally {
    clearInterval(ticker);
  }
  return result;
}
