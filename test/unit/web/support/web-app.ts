import { Hono } from 'hono';
import { createWebRouter } from '../../../../src/web/create-web-router.js';
import { createCachedViews } from '../../../../src/web/live/cached-tracking-queries.js';
import { signCustomerToken, signTrackingToken } from '../../../../src/web/links/tracking-links.js';
import { linkSettings } from '../../../../src/web/routes/page-setup.js';
import type { WebConfig } from '../../../../src/web/web-config.js';
import { demoOrders } from './demo-orders.js';
import { createMemoryWebStore, testWebConfig } from './in-memory-web-deps.js';

/** The web router over the in-memory store, mounted at `/` as the lead will, with a settable clock. */
export function memoryWebApp(opts: { now?: number; config?: Partial<WebConfig>; pollMs?: number } = {}) {
  const store = createMemoryWebStore(demoOrders());
  const config = testWebConfig(opts.config);
  const clock = { now: opts.now ?? Date.parse('2026-12-03T12:00:00Z') };
  // Without a cache (the pages read the store), as the live pages' feed alone.
  const { liveHub } = createCachedViews(store.queries, store.changes, { livePollMs: opts.pollMs ?? 50, viewCache: { ...config.viewCache, maxEntries: 0 } });
  const app = new Hono();
  app.route('/', createWebRouter({ queries: store.queries, changes: store.changes, rateLimits: store.rateLimits, config, liveHub, now: () => clock.now, clientIp: (c) => c.req.header('x-test-ip') ?? 'test' }));
  const link = (orderCode: string) => `/t/${signTrackingToken(linkSettings(config), orderCode, clock.now)}`;
  const myOrders = (customerId: string) => `/my-orders?token=${signCustomerToken(linkSettings(config), customerId, clock.now + 3600_000)}`;
  return { app, store, config, clock, link, myOrders, liveHub };
}
