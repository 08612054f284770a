/**
 * AfterShip's documented per-endpoint limits (2025-01 quick start), requests per second. Each endpoint
 * family gets its own bucket so a burst of registrations cannot starve polling, and the reverse.
 */
export const AFTERSHIP_RATE_LIMITS = {
  createTracking: { capacity: 20, refillPerSecond: 20 },
  listTrackings: { capacity: 6, refillPerSecond: 6 },
  trackingById: { capacity: 5, refillPerSecond: 5 },
} as const;

/**
 * AfterShip answers 429 with `X-RateLimit-Reset` (unix seconds) instead of `Retry-After`. This fetch wrapper
 * adds the equivalent `Retry-After` so the shared HTTP layer's back-off hint works unchanged.
 */
export function withRetryAfterFromReset(fetchImpl: typeof fetch, now: () => number = Date.now): typeof fetch {
  return async (input, init) => {
    const res = await fetchImpl(input, init);
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    if (res.status !== 429 || res.headers.has('retry-after') || !Number.isFinite(reset) || reset <= 0) return res;
    const headers = new Headers(res.headers);
    headers.set('retry-after', String(Math.max(0, Math.ceil(reset - now() / 1000))));
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}
