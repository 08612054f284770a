import type { Context } from 'hono';
import type { LiveHub } from '../live/live-hub.js';
import type { RateLimitStore, TrackingPageQueries, ViewChangeSource } from '../tracking-page-queries.js';
import type { WebConfig } from '../web-config.js';

/** What `createWebRouter` needs; see src/web/README.md for how the lead wires each part. */
export interface WebRouterDeps {
  queries: TrackingPageQueries;
  /** Every process's changes to orders' views, new revisions among them (MongoDB: src/db/tracking-views' write stamps, src/db/view-changes). */
  changes: ViewChangeSource;
  /** Shared counters for the lookup's rate limit (MongoDB: src/db/rate-limits). */
  rateLimits: RateLimitStore;
  config: WebConfig;
  /**
   * The process's open pages, driven by its view-change feed (`createCachedViews`, which also gives the
   * cached queries); created from `changes` without a cache when absent (pass one to stop it at shutdown).
   */
  liveHub?: LiveHub;
  now?: () => number;
  /** The client's address for rate limiting (default: the socket's, 'unknown' without one). */
  clientIp?: (c: Context) => string;
  logger?: { warn(message: string, data?: Record<string, unknown>): void };
}

/** Deps with defaults filled. */
export type ResolvedWebDeps = Required<Omit<WebRouterDeps, 'logger'>> & Pick<WebRouterDeps, 'logger'>;
