import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/create-app.js';
import { createAbuseLimits } from '../../src/api/middleware/abuse-limits.js';
import { createRateLimitRepository } from '../../src/db/rate-limits/repository.js';
import { createLogger } from '../../src/observability/logger.js';
import { orderBody, storefrontHeaders } from '../support/orders.js';
import { uniqueName } from '../support/servers.js';
import type { TestStack } from '../support/stack.js';
import { useTestServers } from '../support/test-servers.js';
import { STOREFRONT_KEY } from '../support/test-config.js';

/**
 * Abuse limits shared by API processes through MongoDB: failed authentications per client, and tracking
 * look-ups that find nothing per key. Two app instances stand for two processes on one database.
 */
const suite = useTestServers('dev');
let stack: TestStack;
const logLines: string[] = [];

/** An API "process" of its own on the stack's database: its own counters' cache, the shared collection. */
const apiProcess = (limits: { auth: number; misses: number }) =>
  createApp({
    services: stack.services,
    logger: createLogger('warn', {}, (line) => logLines.push(line)),
    auth: stack.config.auth,
    publicBaseUrl: stack.config.http.publicBaseUrl,
    abuseLimits: createAbuseLimits({
      counter: createRateLimitRepository(stack.mongo),
      authFailures: { limit: limits.auth, windowMs: 60_000 },
      trackingMisses: { limit: limits.misses, windowMs: 60_000 },
    }),
  });

beforeAll(async () => {
  stack = await suite.stack();
});

describe('abuse limits (real MongoDB-wire server, two API instances)', () => {
  it('answers 429 with Retry-After once a client has failed authentication too often, across processes, and logs no key', async () => {
    const [a, b] = [apiProcess({ auth: 5, misses: 100 }), apiProcess({ auth: 5, misses: 100 })];
    const wrong = (app: typeof a, i: number) => app.request('/api/v1/orders/X-1', { headers: { authorization: `Bearer wrong-key-${i}-secret` } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await wrong(i % 2 ? b : a, i)).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    // Blocked now on both instances, even with the right key: the client must wait the window out.
    for (const app of [a, b]) {
      const res = await app.request('/api/v1/orders/X-1', { headers: storefrontHeaders() });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    }
    expect(logLines.filter((l) => l.includes('API key refused')).length).toBeGreaterThanOrEqual(4);
    expect(logLines.join('\n')).not.toContain('secret');
    expect(logLines.join('\n')).not.toContain(STOREFRONT_KEY);
  });

  it('limits tracking look-ups that find nothing per key (an enumeration oracle), not those that find an order', async () => {
    const app = apiProcess({ auth: 1000, misses: 3 });
    const code = uniqueName('ENUM');
    const placed = orderBody(code);
    expect((await app.request('/api/v1/orders', { method: 'POST', headers: storefrontHeaders(), body: JSON.stringify(placed) })).status).toBe(201);
    const track = (n: string) => app.request(`/api/v1/track/${n}`, { headers: storefrontHeaders() });
    // Hits cost nothing.
    for (let i = 0; i < 5; i += 1) expect((await track(placed.shipping.trackingNumber)).status).toBe(200);
    const misses = [];
    for (let i = 0; i < 4; i += 1) misses.push((await track(`SIM${String(900000000000 + i)}`)).status);
    expect(misses).toEqual([404, 404, 404, 429]);
    expect((await track(placed.shipping.trackingNumber)).status).toBe(429);
  });
});
