import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentCarrierError, TransientCarrierError } from '../../../src/carriers/carrier-adapter.js';
import { CarrierHttp } from '../../../src/carriers/http/carrier-http.js';
import { CircuitBreaker } from '../../../src/carriers/http/circuit-breaker.js';
import { parseRetryAfter } from '../../../src/carriers/http/http-errors.js';
import { OAuthTokenCache } from '../../../src/carriers/http/oauth-token-cache.js';
import { TokenBucket } from '../../../src/carriers/http/token-bucket.js';
import { jsonReply, startLocalHttpServer, type LocalHttpReply, type LocalHttpServer, type RecordedRequest } from '../../support/local-http-server.js';

/** A fake clock whose sleep advances time instead of waiting. */
function fakeClock(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('TokenBucket', () => {
  it('allows a burst of `capacity`, then waits for the refill', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 4, now: clock.now, sleep: clock.sleep });
    await bucket.take();
    await bucket.take();
    expect(clock.sleeps).toEqual([]);
    await bucket.take();
    expect(clock.sleeps).toEqual([250]); // one token at 4/s
  });

  it('queues concurrent waiters in order, each one refill interval apart', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 10, now: () => clock.now(), sleep: async (ms) => void clock.sleeps.push(ms) });
    await Promise.all([bucket.take(), bucket.take(), bucket.take()]);
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('refills over time up to capacity only', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 1, now: clock.now, sleep: clock.sleep });
    clock.advance(60_000);
    await bucket.take();
    await bucket.take();
    await bucket.take();
    expect(clock.sleeps).toEqual([1000]);
  });

  it('rejects nonsensical options', () => {
    expect(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ capacity: 1, refillPerSecond: 0 })).toThrow(RangeError);
  });
});

describe('CircuitBreaker', () => {
  const transient = () => Promise.reject(new TransientCarrierError('down', 'HTTP_503'));
  const permanent = () => Promise.reject(new PermanentCarrierError('bad', 'HTTP_404'));

  it('opens after N consecutive transient failures and fails fast with CIRCUIT_OPEN', async () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, resetAfterMs: 5000, now: clock.now });
    await expect(breaker.run(transient)).rejects.toMatchObject({ code: 'HTTP_503' });
    expect(breaker.state).toBe('closed');
    await expect(breaker.run(transient)).rejects.toMatchObject({ code: 'HTTP_503' });
    expect(breaker.state).toBe('open');
    let called = false;
    const error = await caught(breaker.run(async () => (called = true)));
    expect(called).toBe(false);
    expect(error).toBeInstanceOf(TransientCarrierError);
    expect(error).toMatchObject({ code: 'CIRCUIT_OPEN', retryAfterMs: 5000 });
  });

  it('lets one trial through after resetAfterMs; success closes the circuit', async () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, resetAfterMs: 1000, now: clock.now });
    await expect(breaker.run(transient)).rejects.toBeInstanceOf(TransientCarrierError);
    clock.advance(1000);
    expect(breaker.state).toBe('half-open');
    let release!: (v: string) => void;
    const trial = breaker.run(() => new Promise<string>((resolve) => (release = resolve)));
    // While the trial is out, everyone else still fails fast.
    await expect(breaker.run(async () => 'other')).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    release('ok');
    await expect(trial).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    await expect(breaker.run(async () => 'after')).resolves.toBe('after');
  });

  it('a failed trial re-opens the circuit for another resetAfterMs', async () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, resetAfterMs: 1000, now: clock.now });
    for (let i = 0; i < 3; i += 1) await expect(breaker.run(transient)).rejects.toBeDefined();
    clock.advance(1000);
    await expect(breaker.run(transient)).rejects.toMatchObject({ code: 'HTTP_503' });
    expect(breaker.state).toBe('open');
    clock.advance(999);
    await expect(breaker.run(async () => 1)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN', retryAfterMs: 1 });
  });

  it('permanent errors do not count as failures and break a failure streak', async () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, resetAfterMs: 1000, now: clock.now });
    for (let i = 0; i < 5; i += 1) await expect(breaker.run(permanent)).rejects.toBeInstanceOf(PermanentCarrierError);
    expect(breaker.state).toBe('closed');
    await expect(breaker.run(transient)).rejects.toBeDefined();
    await expect(breaker.run(permanent)).rejects.toBeDefined();
    await expect(breaker.run(transient)).rejects.toBeDefined();
    expect(breaker.state).toBe('closed');
  });
});

describe('OAuthTokenCache', () => {
  it('caches until refreshSkewMs before expiry, then fetches again', async () => {
    const clock = fakeClock();
    let calls = 0;
    const cache = new OAuthTokenCache(async () => ({ accessToken: `t${++calls}`, expiresInSec: 3600 }), {
      now: clock.now,
      refreshSkewMs: 60_000,
    });
    expect(await cache.get()).toBe('t1');
    clock.advance(3_540_000 - 1);
    expect(await cache.get()).toBe('t1');
    clock.advance(1);
    expect(await cache.get()).toBe('t2');
    expect(calls).toBe(2);
  });

  it('de-duplicates concurrent fetches into one in-flight call', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const cache = new OAuthTokenCache(async () => {
      calls += 1;
      await gate;
      return { accessToken: 'shared', expiresInSec: 3600 };
    });
    const all = Promise.all([cache.get(), cache.get(), cache.get()]);
    release();
    expect(await all).toEqual(['shared', 'shared', 'shared']);
    expect(calls).toBe(1);
  });

  it('invalidate() forces a new fetch; a failed fetch is not cached', async () => {
    let calls = 0;
    const cache = new OAuthTokenCache(async () => {
      calls += 1;
      if (calls === 2) throw new Error('token endpoint down');
      return { accessToken: `t${calls}`, expiresInSec: 3600 };
    });
    expect(await cache.get()).toBe('t1');
    cache.invalidate();
    await expect(cache.get()).rejects.toThrow('token endpoint down');
    expect(await cache.get()).toBe('t3');
  });

  it('a token shorter-lived than the skew is still reused until its half-life', async () => {
    const clock = fakeClock();
    let calls = 0;
    const cache = new OAuthTokenCache(async () => ({ accessToken: `t${++calls}`, expiresInSec: 10 }), { now: clock.now });
    await cache.get();
    clock.advance(4999);
    expect(await cache.get()).toBe('t1');
    clock.advance(1);
    expect(await cache.get()).toBe('t2');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP-dates', () => {
    const now = Date.parse('2024-03-01T10:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 01 Mar 2024 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Fri, 01 Mar 2024 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('CarrierHttp against a real local server', () => {
  let server: LocalHttpServer;
  let baseUrl: string;
  let seen: RecordedRequest[];

  const routes: Record<string, () => LocalHttpReply> = {
    '/ok': () => jsonReply(200, '{"ok":true}'),
    '/missing': () => ({ status: 404, body: '{"response":{"errors":[{"code":"TV1002","message":"Invalid inquiry number"}]}}' }),
    '/limited': () => ({ status: 429, headers: { 'retry-after': '7' }, body: '{"errors":[{"code":"RATE.LIMIT"}]}' }),
    '/unavailable-date': () => ({ status: 503, headers: { 'retry-after': new Date(Date.now() + 120_000).toUTCString() } }),
    '/broken': () => ({ status: 500, body: 'oops' }),
    '/secret-echo': () => ({ status: 401, body: '{"error":"invalid_client","error_description":"client_secret s3cr3t wrong"}' }),
    '/redirect': () => ({ status: 302, headers: { location: '/ok' } }),
    '/slow': () => ({ status: 200, body: 'late', delayMs: 3_000 }),
  };

  beforeAll(async () => {
    server = await startLocalHttpServer((req) => routes[req.path.replace(/^\/api/, '')]?.() ?? { status: 418 });
    baseUrl = `${server.url}/api/`;
    seen = server.requests;
  });

  afterAll(async () => {
    await server.close();
  });

  // Generous enough for a loaded CI machine; only /slow (2 s) may exceed it.
  const http = () => new CarrierHttp({ carrier: 'ups', baseUrl, timeoutMs: 1_000 });

  it('returns 2xx answers with status, headers and text; sends method, query, headers and body', async () => {
    const res = await http().request({
      method: 'POST',
      path: '/ok',
      query: { a: '1', skipped: undefined },
      headers: { 'x-test': 'yes' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(res).toMatchObject({ status: 200, text: '{"ok":true}' });
    expect(res.headers.get('content-type')).toBe('application/json');
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ method: 'POST', url: '/api/ok?a=1', body: 'grant_type=client_credentials' });
    expect(last?.headers['x-test']).toBe('yes');
    expect(last?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
  });

  it('404 → PermanentCarrierError HTTP_404, naming the carrier code but not the body', async () => {
    const error = await caught(http().request({ method: 'GET', path: '/missing' }));
    expect(error).toBeInstanceOf(PermanentCarrierError);
    expect(error).toMatchObject({ code: 'HTTP_404', message: 'ups GET /missing failed: HTTP 404 (TV1002)' });
  });

  it('acceptStatuses: a listed status resolves with its body; other statuses are still classified', async () => {
    const res = await http().request({ method: 'GET', path: '/missing', acceptStatuses: [404] });
    expect(res).toMatchObject({ status: 404, text: '{"response":{"errors":[{"code":"TV1002","message":"Invalid inquiry number"}]}}' });
    expect(res.headers).toBeInstanceOf(Headers);
    await expect(http().request({ method: 'GET', path: '/ok', acceptStatuses: [404] })).resolves.toMatchObject({ status: 200, text: '{"ok":true}' });
    const limited = await caught(http().request({ method: 'GET', path: '/limited', acceptStatuses: [404] }));
    expect(limited).toBeInstanceOf(TransientCarrierError);
    expect(limited).toMatchObject({ code: 'HTTP_429', retryAfterMs: 7000 });
    const denied = await caught(http().request({ method: 'GET', path: '/secret-echo', acceptStatuses: [404] }));
    expect(denied).toBeInstanceOf(PermanentCarrierError);
    expect(denied).toMatchObject({ code: 'HTTP_401' });
  });

  it('an accepted status counts as an answer for the breaker, not as a failure', async () => {
    const client = new CarrierHttp({ carrier: 'dhl', baseUrl, breaker: { failureThreshold: 1, resetAfterMs: 60_000 } });
    await expect(client.request({ method: 'GET', path: '/broken', acceptStatuses: [500] })).resolves.toMatchObject({ status: 500, text: 'oops' });
    await expect(client.request({ method: 'GET', path: '/ok' })).resolves.toMatchObject({ status: 200 });
  });

  it('429 with Retry-After seconds → TransientCarrierError with retryAfterMs', async () => {
    const error = await caught(http().request({ method: 'GET', path: '/limited' }));
    expect(error).toBeInstanceOf(TransientCarrierError);
    expect(error).toMatchObject({ code: 'HTTP_429', retryAfterMs: 7000 });
  });

  it('503 with an HTTP-date Retry-After → retryAfterMs until that date', async () => {
    const error = (await caught(http().request({ method: 'GET', path: '/unavailable-date' }))) as TransientCarrierError;
    expect(error.code).toBe('HTTP_503');
    expect(error.retryAfterMs).toBeGreaterThan(100_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('500 → TransientCarrierError without retryAfterMs', async () => {
    const error = await caught(http().request({ method: 'GET', path: '/broken' }));
    expect(error).toBeInstanceOf(TransientCarrierError);
    expect(error).toMatchObject({ code: 'HTTP_500', retryAfterMs: undefined });
  });

  it('never echoes body text or query secrets into messages', async () => {
    const error = (await caught(
      http().request({ method: 'POST', path: '/secret-echo', query: { key: 's3cr3t' }, body: 'client_secret=s3cr3t' }),
    )) as Error;
    expect(error).toMatchObject({ code: 'HTTP_401' });
    expect(error.message).toBe('ups POST /secret-echo failed: HTTP 401 (invalid_client)');
    expect(error.message).not.toContain('s3cr3t');
  });

  it('does not follow redirects (they would carry our Authorization header)', async () => {
    await expect(http().request({ method: 'GET', path: '/redirect' })).rejects.toMatchObject({ code: 'HTTP_302' });
  });

  it('a slow answer times out → TransientCarrierError TIMEOUT', async () => {
    const started = Date.now();
    const error = await caught(http().request({ method: 'GET', path: '/slow' }));
    expect(error).toBeInstanceOf(TransientCarrierError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a refused connection → TransientCarrierError NETWORK', async () => {
    const closed = await startLocalHttpServer(() => ({ status: 200 }));
    await closed.close();
    const error = await caught(new CarrierHttp({ carrier: 'fedex', baseUrl: closed.url }).request({ method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(TransientCarrierError);
    expect(error).toMatchObject({ code: 'NETWORK' });
  });

  it('opens its breaker after repeated 5xx and then fails fast without calling the server', async () => {
    const client = new CarrierHttp({ carrier: 'usps', baseUrl, breaker: { failureThreshold: 2, resetAfterMs: 60_000 } });
    await expect(client.request({ method: 'GET', path: '/broken' })).rejects.toMatchObject({ code: 'HTTP_500' });
    await expect(client.request({ method: 'GET', path: '/broken' })).rejects.toMatchObject({ code: 'HTTP_500' });
    const before = seen.length;
    await expect(client.request({ method: 'GET', path: '/ok' })).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    expect(seen.length).toBe(before);
  });

  it('applies its rate limit before sending', async () => {
    const client = new CarrierHttp({ carrier: 'fedex', baseUrl, rateLimit: { capacity: 1, refillPerSecond: 20 } });
    const started = Date.now();
    await Promise.all([0, 1, 2].map(() => client.request({ method: 'GET', path: '/ok' })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(90); // two waits of 50 ms
  });
});
