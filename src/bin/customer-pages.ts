import { Hono, type Context } from 'hono';
import type { AppEnv } from '../api/app-env.js';
import type { WebSettings } from '../config/web-env.js';
import type { Logger } from '../observability/logger.js';
import type { CustomerPageParts } from '../services/customer-page-parts.js';
import { repeat } from '../services/webhook-relay/relay-loops.js';
import { createWebRouter } from '../web/create-web-router.js';
import { socketIp } from '../web/routes/lookup-routes.js';
import { createCachedViews } from '../web/live/cached-tracking-queries.js';
import { webConfigSchema } from '../web/web-config.js';

/** How often expired `order_updates` entries (older than a day) are deleted. */
export const ORDER_UPDATES_PRUNE_INTERVAL_MS = 3_600_000;

/**
 * Behind a proxy the socket is the proxy's: the client is the address the proxy appended last to
 * `X-Forwarded-For` (earlier entries come from the client and can be forged).
 */
export function forwardedIp(c: Context): string {
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  return hops[hops.length - 1] ?? socketIp(c);
}

/** The customer pages of one API process: the router to mount at `/`, and a stop for its background work. */
export function createCustomerPages(deps: {
  services: CustomerPageParts;
  settings: WebSettings;
  logger: Logger;
  now?: () => number;
  /** The first `order_updates` retention run, after start (default: a minute). */
  pruneFirstRunMs?: number;
}): { router: Hono<AppEnv>; stop(): Promise<void> } {
  const config = webConfigSchema.parse(deps.settings);
  const now = deps.now ?? Date.now;
  // The process's cache of tracking views and its open pages, kept current by one poll of every process's
  // writes (see view-change-feed.ts); stopped at shutdown, or its timer holds the process.
  const views = createCachedViews(deps.services.trackingPage, deps.services.viewChanges, config, (err) =>
    deps.logger.warn('tracking view change poll failed', { err: String(err) }),
  );
  const pages = createWebRouter({
    queries: views.queries,
    changes: deps.services.viewChanges,
    rateLimits: deps.services.lookupRateLimits,
    config,
    liveHub: views.liveHub,
    now,
    logger: deps.logger,
    clientIp: deps.settings.trustProxy ? forwardedIp : socketIp,
  });
  const stopPrune = repeat(
    'order_updates retention',
    ORDER_UPDATES_PRUNE_INTERVAL_MS,
    async () => {
      const deleted = await deps.services.orderUpdateRetention.prune(new Date(now()));
      if (deleted > 0) deps.logger.info('order_updates retention: old entries deleted', { deleted });
    },
    deps.logger,
    deps.pruneFirstRunMs ?? 60_000,
  );
  // Mounted among the API's routers, whose request variables (the request id) the pages do not use.
  const router = new Hono<AppEnv>().route('/', pages);
  return {
    router,
    async stop() {
      views.liveHub.stop();
      await stopPrune();
    },
  };
}
