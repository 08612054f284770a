import type { FaultRule } from './faults.js';

/** How long a `timeout` fault holds the response: longer than any sane client timeout. */
export const DEFAULT_TIMEOUT_HOLD_MS = 30_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * The failed answer for a fault: 503, 429 with `Retry-After` (default 1 s), or a response held for `holdMs`
 * and then answered 504 (the client should have given up long before). `signal` cuts the hold short when
 * the simulator stops, so shutdown never waits on a held request.
 */
export async function faultResponse(fault: FaultRule, holdMs: number, signal: AbortSignal): Promise<Response> {
  switch (fault.mode) {
    case '429':
      return json(
        429,
        { error: { code: 'RATE_LIMITED', message: 'Too many requests' } },
        { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
      );
    case 'timeout':
      await sleep(holdMs, signal);
      return json(504, { error: { code: 'GATEWAY_TIMEOUT', message: 'Upstream timed out' } });
    default:
      return json(503, { error: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable' } });
  }
}
