import type { Context } from 'hono';
import type { LiveHub } from '../live/live-hub.js';
import type { OrderUpdateSource, RateLimitStore, TrackingPageQueries } from '../tracking-page-queries.js';
import type { WebConfig } from '../web-config.js';

/** What `createWebRouter` needs; see src/web/README.md for how the lead wires each part. */
export interface WebRouterDeps {
  queries: TrackingPageQueries;
  /** New revisions per order (MongoDB: src/db/order-updates). */
  updates: OrderUpdateSource;
  /** Shared counters for the lookup's rate limit (MongoDB: src/db/rate-limits). */
  rateLimits: RateLimitStore;
  config: WebConfig;
  /** The process's live poller; created from `updates` when absent (pass one to stop it at shutdown). */
  liveHub?: LiveHub;
  now?: () => number;
  /** The client's address for rate limiting (default: the socket's, 'unknown' without one). */
  clientIp?: (c: Context) => string;
  logger?: { warn(message: string, data?: Record<string, unknown>): void };
}

/** Deps with defaults filled. */
export type ResolvedWebDeps = Required<Omit<WebRouterDeps, 'logger'>> & Pick<WebRouterDeps, 'logger'>;
