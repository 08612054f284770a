import type { TrackingPageQueries, ViewChangeSource } from '../tracking-page-queries.js';
import type { WebConfig } from '../web-config.js';
import { createLiveHub, type LiveHub } from './live-hub.js';
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
    async loadTrackingView(orderCode, options) {
      const minRevision = options?.minRevision ?? 0;
      if (!options?.fresh && feed.fresh()) {
        const hit = cache.get(orderCode);
        if (hit && hit.revision >= minRevision) return hit;
      }
      const load = (alone: boolean) => cache.load(orderCode, () => queries.loadTrackingView(orderCode), alone);
      // A read after this customer's own write starts now, alone: a read in flight may predate the write.
      if (options?.fresh) return load(true);
      // A read that must show a revision shares one in flight (all the live streams of a change ask at
      // once), and reads again alone only if that one started before the revision was written.
      const view = await load(false);
      return !view || view.revision >= minRevision ? view : load(true);
    },
    savePreferences: (orderCode, prefs) => afterWrite(orderCode, () => queries.savePreferences(orderCode, prefs)),
    saveFeedback: (orderCode, answer) => afterWrite(orderCode, () => queries.saveFeedback(orderCode, answer)),
    savePushSubscription: (orderCode, subscription) => afterWrite(orderCode, () => queries.savePushSubscription(orderCode, subscription)),
  };
}

/**
 * A process's cached tracking views and live pages as configured: the cache, its change feed (started;
 * `liveHub.stop()` stops it at shutdown), the live hub the feed drives, and the queries to hand to
 * `createWebRouter`. A cache of 0 entries gives the queries unchanged; the feed then polls only while
 * pages are open.
 */
export function createCachedViews(
  queries: TrackingPageQueries,
  source: ViewChangeSource,
  config: Pick<WebConfig, 'livePollMs' | 'viewCache'>,
  onError?: (err: unknown) => void,
): { queries: TrackingPageQueries; cache: ViewCache; feed: ViewChangeFeed; liveHub: LiveHub } {
  const { maxEntries, maxAgeMs, lagMs } = config.viewCache;
  const cache = createViewCache({ maxEntries, maxAgeMs, settleMs: lagMs });
  const feed = createViewChangeFeed(source, cache, {
    pollMs: config.livePollMs,
    lagMs,
    // Two polls missed (and a second for the query itself): from then on every read goes to the database.
    staleAfterMs: 2 * config.livePollMs + 1_000,
    ...(onError ? { onError } : {}),
  });
  const served = maxEntries > 0 ? withViewCache(queries, cache, feed) : queries;
  const liveHub = createLiveHub({
    latest: async (orderCode) => (await served.loadTrackingView(orderCode))?.revision,
    poll: () => feed.pollOnce(),
    onStop: () => feed.stop(),
    ...(onError ? { onError } : {}),
  });
  feed.listen({
    watching: liveHub.watching,
    changed(changes) {
      for (const change of changes) if (change.revision !== undefined) liveHub.notify(change.orderCode, change.revision);
    },
    resync: liveHub.resync,
  });
  feed.start();
  return { queries: served, cache, feed, liveHub };
}
