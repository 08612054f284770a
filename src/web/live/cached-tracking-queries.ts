import type { TrackingPageQueries, ViewChangeSource } from '../tracking-page-queries.js';
import type { WebConfig } from '../web-config.js';
import { createViewCache, type ViewCache } from './view-cache.js';
import { createViewChangeFeed, type ViewChangeFeed } from './view-change-feed.js';

/**
 * The tracking-page queries with the process's view cache in front of `loadTrackingView`. A view is served
 * from the cache while the change feed is fresh, and read from the database when asked `fresh` (the page
 * right after the customer's own write, which another process may have made) or when the cached revision
 * is older than the one the live stream has heard of. This process's own writes drop the order's view at
 * once; other processes' writes reach it through the feed within a poll.
 */
export function withViewCache(queries: TrackingPageQueries, cache: ViewCache, feed: Pick<ViewChangeFeed, 'fresh'>): TrackingPageQueries {
  const afterWrite = async <T>(orderCode: string, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } finally {
      // Also after a failed write: part of it may have been stored.
      cache.invalidate(orderCode);
    }
  };
  return {
    ...queries,
    loadTrackingView(orderCode, options) {
      if (!options?.fresh && feed.fresh()) {
        const hit = cache.get(orderCode);
        if (hit && hit.revision >= (options?.minRevision ?? 0)) return Promise.resolve(hit);
      }
      // A read that must see a given revision or a write of this customer's starts now, alone.
      const alone = options?.fresh === true || options?.minRevision !== undefined;
      return cache.load(orderCode, () => queries.loadTrackingView(orderCode), alone);
    },
    savePreferences: (orderCode, prefs) => afterWrite(orderCode, () => queries.savePreferences(orderCode, prefs)),
    saveFeedback: (orderCode, answer) => afterWrite(orderCode, () => queries.saveFeedback(orderCode, answer)),
    savePushSubscription: (orderCode, subscription) => afterWrite(orderCode, () => queries.savePushSubscription(orderCode, subscription)),
  };
}

/**
 * A process's cached tracking views as configured: the cache, its change feed (started; stop it at
 * shutdown) and the queries to hand to `createWebRouter`. A cache of 0 entries gives the queries unchanged.
 */
export function createCachedViews(
  queries: TrackingPageQueries,
  source: ViewChangeSource,
  config: Pick<WebConfig, 'livePollMs' | 'viewCache'>,
  onError?: (err: unknown) => void,
): { queries: TrackingPageQueries; cache: ViewCache; feed: ViewChangeFeed } {
  const { maxEntries, maxAgeMs, lagMs } = config.viewCache;
  const cache = createViewCache({ maxEntries, maxAgeMs, settleMs: lagMs });
  const feed = createViewChangeFeed(source, cache, {
    pollMs: config.livePollMs,
    lagMs,
    // Two polls missed (and a second for the query itself): from then on every read goes to the database.
    staleAfterMs: 2 * config.livePollMs + 1_000,
    ...(onError ? { onError } : {}),
  });
  if (maxEntries <= 0) return { queries, cache, feed };
  feed.start();
  return { queries: withViewCache(queries, cache, feed), cache, feed };
}
