import { MAX_READ_GAP_MS } from '../../services/view-change-read-gap.js';
import type { ViewChange, ViewChangeSource } from '../tracking-page-queries.js';
import type { ViewCache } from './view-cache.js';

/** Who else hears of each poll's changes: the live hub of the process's open pages (one per feed). */
export interface ViewChangeListener {
  /** Whether it needs polls even when nothing is cached (pages are open). */
  watching(): boolean;
  changed(changes: readonly ViewChange[]): void;
  /** The feed skipped a gap longer than its source reads (`MAX_READ_GAP_MS`, src/db/written-since.ts): every open page is checked against its order's current view. */
  resync(): void;
}

/** The process's reader of every order's view changes, feeding its view cache and its open pages. */
export interface ViewChangeFeed {
  /**
   * Hands every poll's changes to `listener` too, after the cache has dropped what they make stale. A feed
   * has one listener (the process's live hub); a second call throws rather than silently replace it.
   */
  listen(listener: ViewChangeListener): void;
  /** Whether the feed has answered recently enough for cached views to be served. */
  fresh(): boolean;
  /** One poll now (tests); the timer calls it every `pollMs`. */
  pollOnce(): Promise<void>;
  start(): void;
  stop(): void;
}

/**
 * Every `pollMs`, reads the view changes written by any process since the last poll (new revisions from the
 * tracking views' write stamps, preference and feedback changes), drops the cached views they make stale and
 * hands them to its listener (the live hub pushes new revisions to open pages): one poll per process for
 * both. Each poll reads back `lagMs` before the previous one started, because a change is stamped by its
 * writer's clock before it is visible: a write that took up to `lagMs` to land is still seen. Cached views are served only
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
  let listener: ViewChangeListener | undefined;

  async function pollOnce(): Promise<void> {
    if (running) return;
    running = true;
    const started = now();
    try {
      // Past the longest gap the source reads (the database was out, the process was paused), read nothing:
      // drop the whole cache and have the open pages re-checked instead. Nothing cached, nothing loading and
      // no page open: no change can concern this process, skip the query.
      if (started - since > MAX_READ_GAP_MS) {
        cache.clear();
        listener?.resync();
      } else if (cache.size() > 0 || cache.loading() > 0 || listener?.watching()) {
        const changes = await source.changedSince(since);
        for (const change of changes) {
          cache.invalidate(change.orderCode, change.revision === undefined ? { at: change.at } : { revision: change.revision });
        }
        listener?.changed(changes);
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
    listen(next) {
      if (listener) throw new Error('The view-change feed already has its listener.');
      listener = next;
    },
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
