/** One open live connection: the revision it has seen and how to deliver a newer one to it. */
export interface LiveSubscriber {
  after: number;
  deliver(orderCode: string, revision: number): void;
}

export interface LiveHub {
  subscribe(orderCode: string, subscriber: LiveSubscriber): () => void;
  /** Whether any page is open: the process's change feed polls for them too. */
  watching(): boolean;
  /** A new revision the change feed found: each viewer of the order that has not seen it gets it once. */
  notify(orderCode: string, revision: number): void;
  /** Each open page's order read again (`latest`), newer revisions pushed: after the feed skipped a gap. */
  resync(): void;
  /** Open connections (for tests and metrics). */
  size(): number;
  /** One poll of the change feed now (tests); its timer polls every `livePollMs`. */
  pollOnce(): Promise<void>;
  stop(): void;
}

/**
 * The open tracking pages of a process. It does not poll by itself: the process's one view-change feed
 * (view-change-feed.ts), which also keeps the view cache current, hands it every new revision any process
 * wrote, so one poll per process (a few equality reads by second) serves the cache and every open page.
 * A page that subscribes after the feed saw its order's newest revision is caught up at once from `latest`
 * (the order's current revision through the view cache): subscribed first, then asked, so a revision is
 * never missed between the two.
 */
export function createLiveHub(opts: {
  latest(orderCode: string): Promise<number | undefined>;
  poll?: () => Promise<void>;
  onStop?: () => void;
  onError?: (err: unknown) => void;
}): LiveHub {
  const watched = new Map<string, Set<LiveSubscriber>>();

  function notify(orderCode: string, revision: number): void {
    for (const sub of watched.get(orderCode) ?? []) {
      if (revision <= sub.after) continue;
      sub.after = revision;
      sub.deliver(orderCode, revision);
    }
  }

  return {
    subscribe(orderCode, subscriber) {
      let subs = watched.get(orderCode);
      if (!subs) watched.set(orderCode, (subs = new Set()));
      subs.add(subscriber);
      opts.latest(orderCode).then(
        (revision) => {
          if (revision === undefined || revision <= subscriber.after || !subs.has(subscriber)) return;
          subscriber.after = revision;
          subscriber.deliver(orderCode, revision);
        },
        (err: unknown) => opts.onError?.(err),
      );
      return () => {
        subs.delete(subscriber);
        if (subs.size === 0 && watched.get(orderCode) === subs) watched.delete(orderCode);
      };
    },
    watching: () => watched.size > 0,
    notify,
    resync() {
      for (const orderCode of watched.keys()) {
        opts.latest(orderCode).then(
          (revision) => {
            if (revision !== undefined) notify(orderCode, revision);
          },
          (err: unknown) => opts.onError?.(err),
        );
      }
    },
    size: () => [...watched.values()].reduce((n, s) => n + s.size, 0),
    pollOnce: () => opts.poll?.() ?? Promise.resolve(),
    stop() {
      watched.clear();
      opts.onStop?.();
    },
  };
}
