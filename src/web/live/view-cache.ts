import type { TrackingView } from '../tracking-page-queries.js';

/** Bounds and clocks of a process's tracking-view cache. */
export interface ViewCacheOptions {
  /** The most orders kept; the least recently used goes first beyond it. */
  maxEntries: number;
  /** An entry older than this is read again whatever the change feed says (changes the feed cannot see). */
  maxAgeMs: number;
  /**
   * How long a write may take to become visible to readers after the moment it is stamped with: a load that
   * started less than this after a change without a revision may have missed it, so it is not kept.
   */
  settleMs: number;
  now?: () => number;
}

/** A change the cache hears of: a new revision, or a change that carries none, written at `at` (epoch ms). */
export interface ViewCacheChange {
  revision?: number;
  at?: number;
}

export interface ViewCache {
  /** The cached view, refreshed as most recently used; undefined when absent or too old. */
  get(orderCode: string): TrackingView | undefined;
  /**
   * Loads through `loader` and keeps the answer, unless the order changed while it loaded. Concurrent loads
   * of one order share one read unless `alone` (a read that must start now, e.g. right after a write).
   */
  load(orderCode: string, loader: () => Promise<TrackingView | null>, alone?: boolean): Promise<TrackingView | null>;
  /** Drops the order's view if `change` is newer than it; without `change`, drops it outright. */
  invalidate(orderCode: string, change?: ViewCacheChange): void;
  /** Drops every view, and keeps none that a load in flight now answers (the feed missed what changed). */
  clear(): void;
  size(): number;
  /** Loads in flight (the feed must keep polling while there are any). */
  loading(): number;
}

interface Entry {
  view: TrackingView;
  loadedAt: number;
}

interface Flight {
  promise: Promise<TrackingView | null>;
  startedAt: number;
  /** The newest revision heard of while loading: an older answer is not kept. */
  minRevision: number;
  stale: boolean;
}

/**
 * The views of recently viewed orders, per process, keyed by order code: an insertion-ordered Map used as
 * an LRU (a hit moves the entry to the end). It does not poll by itself: the view-change feed (one per
 * process) invalidates entries from the writes of every process, and writes made here invalidate at once.
 */
export function createViewCache(opts: ViewCacheOptions): ViewCache {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const flights = new Map<string, Flight>();

  const keep = (orderCode: string, view: TrackingView, flight: Flight) => {
    if (flight.stale || view.revision < flight.minRevision || opts.maxEntries <= 0) return;
    entries.delete(orderCode);
    entries.set(orderCode, { view, loadedAt: flight.startedAt });
    while (entries.size > opts.maxEntries) entries.delete(entries.keys().next().value!);
  };

  return {
    get(orderCode) {
      const entry = entries.get(orderCode);
      if (!entry || now() - entry.loadedAt > opts.maxAgeMs) return undefined;
      entries.delete(orderCode);
      entries.set(orderCode, entry);
      return entry.view;
    },

    load(orderCode, loader, alone = false) {
      const shared = flights.get(orderCode);
      if (shared && !alone && !shared.stale) return shared.promise;
      // The read it replaces started earlier: its answer must not overwrite this one's.
      if (shared) shared.stale = true;
      const flight: Flight = { promise: Promise.resolve(null), startedAt: now(), minRevision: 0, stale: false };
      flight.promise = loader().then(
        (view) => {
          if (flights.get(orderCode) === flight) flights.delete(orderCode);
          if (view) keep(orderCode, view, flight);
          else entries.delete(orderCode);
          return view;
        },
        (err: unknown) => {
          if (flights.get(orderCode) === flight) flights.delete(orderCode);
          throw err;
        },
      );
      flights.set(orderCode, flight);
      return flight.promise;
    },

    invalidate(orderCode, change) {
      const entry = entries.get(orderCode);
      const flight = flights.get(orderCode);
      if (change?.revision !== undefined) {
        if (entry && entry.view.revision < change.revision) entries.delete(orderCode);
        if (flight) flight.minRevision = Math.max(flight.minRevision, change.revision);
        return;
      }
      // Without a revision: whatever was read before the change had settled may lack it.
      const settled = change?.at === undefined ? Number.POSITIVE_INFINITY : change.at + opts.settleMs;
      if (entry && entry.loadedAt < settled) entries.delete(orderCode);
      if (flight && flight.startedAt < settled) flight.stale = true;
    },

    clear() {
      entries.clear();
      for (const flight of flights.values()) flight.stale = true;
    },

    size: () => entries.size,
    loading: () => flights.size,
  };
}
