import type { OrderUpdateSource } from '../tracking-page-queries.js';

/** One open live connection: the revision it has seen and how to deliver a newer one to it. */
export interface LiveSubscriber {
  after: number;
  deliver(orderCode: string, revision: number): void;
}

export interface LiveHub {
  subscribe(orderCode: string, subscriber: LiveSubscriber): () => void;
  /** Open connections (for tests and metrics). */
  size(): number;
  /** One poll now (tests); the timer calls it every `pollMs`. */
  pollOnce(): Promise<void>;
  stop(): void;
}

/**
 * One poller per process for all open tracking pages: every `pollMs` it asks the update source, in one
 * batched query, which of the watched orders has a revision newer than what their viewers saw, and
 * hands each new revision to those viewers. It polls only while someone watches, and a slow query is
 * never overlapped by the next tick. Works on servers without change streams (FerretDB) and across
 * processes: the update may have been written by any of them.
 */
export function createLiveHub(source: OrderUpdateSource, opts: { pollMs: number; onError?: (err: unknown) => void }): LiveHub {
  const watched = new Map<string, Set<LiveSubscriber>>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  async function pollOnce(): Promise<void> {
    if (running || watched.size === 0) return;
    running = true;
    try {
      const cursors = [...watched].map(([orderCode, subs]) => ({ orderCode, after: Math.min(...[...subs].map((s) => s.after)) }));
      const newer = await source.newerThan(cursors);
      for (const [orderCode, revision] of newer) {
        for (const sub of watched.get(orderCode) ?? []) {
          if (revision <= sub.after) continue;
          sub.after = revision;
          sub.deliver(orderCode, revision);
        }
      }
    } catch (err) {
      opts.onError?.(err);
    } finally {
      running = false;
    }
  }

  function ensureTimer() {
    if (timer || watched.size === 0) return;
    timer = setInterval(() => void pollOnce(), opts.pollMs);
    timer.unref();
  }

  return {
    subscribe(orderCode, subscriber) {
      let subs = watched.get(orderCode);
      if (!subs) watched.set(orderCode, (subs = new Set()));
      subs.add(subscriber);
      ensureTimer();
      return () => {
        subs.delete(subscriber);
        if (subs.size === 0) watched.delete(orderCode);
        if (watched.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    size: () => [...watched.values()].reduce((n, s) => n + s.size, 0),
    pollOnce,
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      watched.clear();
    },
  };
}
