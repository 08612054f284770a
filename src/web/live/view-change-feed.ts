import type { ViewChangeSource } from '../tracking-page-queries.js';
import type { ViewCache } from './view-cache.js';

/** The process's reader of every order's view changes, feeding its view cache. */
export interface ViewChangeFeed {
  /** Whether the feed has answered recently enough for cached views to be served. */
  fresh(): boolean;
  /** One poll now (tests); the timer calls it every `pollMs`. */
  pollOnce(): Promise<void>;
  start(): void;
  stop(): void;
}

/**
 * Every `pollMs`, reads the view changes written by any process since the last poll (new revisions from
 * `order_updates`, preference and feedback changes) and drops the cached views they make stale. Each poll
 * reads back `lagMs` before the previous one started, because a change is stamped by its writer's clock
 * before it is visible: a write that took up to `lagMs` to land is still seen. Cached views are served only
 * while the last good poll started less than `staleAfterMs` ago; past that (database down, polls stuck)
 * every read goes to the database, so an outage of the feed never serves an old view.
 */
export function createViewChangeFeed(
  source: ViewChangeSource,
  cache: ViewCache,
  opts: { pollMs: number; lagMs: number; staleAfterMs: number; now?: () => number; onError?: (err: unknown) => void },
): ViewChangeFeed {
  const now = opts.now ?? Date.now;
  let since = now() - opts.lagMs;
  // Nothing is cached before the first poll, so the feed starts out fresh.
  let lastGoodStart = now();
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  async function pollOnce(): Promise<void> {
    if (running) return;
    running = true;
    const started = now();
    try {
      // Nothing cached and nothing loading: no change can concern this process, skip the query.
      if (cache.size() > 0 || cache.loading() > 0) {
        for (const change of await source.changedSince(since)) {
          cache.invalidate(change.orderCode, change.revision === undefined ? { at: change.at } : { revision: change.revision });
        }
      }
      since = started - opts.lagMs;
      lastGoodStart = started;
    } catch (err) {
      opts.onError?.(err);
    } finally {
      running = false;
    }
  }

  return {
    fresh: () => now() - lastGoodStart < opts.staleAfterMs,
    pollOnce,
    start() {
      if (timer) return;
      timer = setInterval(() => void pollOnce(), opts.pollMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
