/**
 * How lanes performed recently, from deliveries COMPLETED before the moment asked about: the features
 * "how did this lane do in the weeks before the purchase". Entries must be added in completion order and
 * queries asked in time order; an entry completed at or after a query's moment is never counted
 * (no look-ahead), which the training feature pass relies on.
 */
export interface HistoryEntry {
  /** Keys this delivery counts for (lane, destination, global …). */
  keys: string[];
  completedMs: number;
  transit: number;
}

/** Recent (window) and all-time mean transit per key. */
export interface KeyStats {
  recentCount: number;
  recentMean: number;
  allCount: number;
  allMean: number;
}

interface Bucket {
  queue: { completedMs: number; transit: number }[];
  head: number;
  recentSum: number;
  allSum: number;
  allCount: number;
}

export const HISTORY_WINDOW_DAYS = 56;

/** Plain-JSON state for the artifact (serving continues from where training stopped). */
export interface LaneHistorySnapshot {
  windowDays: number;
  buckets: Record<string, { recent: [number, number][]; allSum: number; allCount: number }>;
}

export class LaneHistory {
  private readonly buckets = new Map<string, Bucket>();
  private pending: HistoryEntry[] = [];
  private pendingHead = 0;
  private readonly windowMs: number;
  private unsorted = false;

  constructor(windowDays = HISTORY_WINDOW_DAYS) {
    this.windowMs = windowDays * 86_400_000;
  }

  /** Queue a completed delivery; it starts counting for queries after its completion moment. */
  add(entry: HistoryEntry): void {
    this.pending.push(entry);
    this.unsorted = true;
  }

  /**
   * Stats of `key` from deliveries completed strictly before `atMs` and within the window. Entries restored
   * from a snapshot may lie after `atMs` (an evaluation whose first purchases precede the end of the training
   * data): they sit at the sorted queue's tail and are left out, from the all-time figures too.
   */
  stats(key: string, atMs: number): KeyStats {
    this.admitBefore(atMs);
    const b = this.buckets.get(key);
    if (!b) return { recentCount: 0, recentMean: Number.NaN, allCount: 0, allMean: Number.NaN };
    const from = atMs - this.windowMs;
    while (b.head < b.queue.length && b.queue[b.head]!.completedMs < from) b.recentSum -= b.queue[b.head++]!.transit;
    if (b.head > 1024 && b.head * 2 > b.queue.length) {
      b.queue = b.queue.slice(b.head);
      b.head = 0;
    }
    let futureSum = 0;
    let futureCount = 0;
    for (let i = b.queue.length - 1; i >= b.head && b.queue[i]!.completedMs >= atMs; i -= 1) {
      futureSum += b.queue[i]!.transit;
      futureCount += 1;
    }
    const recentCount = b.queue.length - b.head - futureCount;
    const allCount = b.allCount - futureCount;
    return {
      recentCount,
      recentMean: recentCount ? (b.recentSum - futureSum) / recentCount : Number.NaN,
      allCount,
      allMean: allCount ? (b.allSum - futureSum) / allCount : Number.NaN,
    };
  }

  private admitBefore(atMs: number): void {
    if (this.unsorted) {
      this.pending = this.pending.slice(this.pendingHead).sort((a, b) => a.completedMs - b.completedMs);
      this.pendingHead = 0;
      this.unsorted = false;
    }
    let i = this.pendingHead;
    for (; i < this.pending.length && this.pending[i]!.completedMs < atMs; i += 1) {
      const e = this.pending[i]!;
      for (const key of e.keys) {
        let b = this.buckets.get(key);
        if (!b) this.buckets.set(key, (b = { queue: [], head: 0, recentSum: 0, allSum: 0, allCount: 0 }));
        insertSorted(b.queue, { completedMs: e.completedMs, transit: e.transit }, b.head);
        b.recentSum += e.transit;
        b.allSum += e.transit;
        b.allCount += 1;
      }
    }
    this.pendingHead = i;
  }

  snapshot(): LaneHistorySnapshot {
    this.admitBefore(Infinity);
    const buckets: LaneHistorySnapshot['buckets'] = {};
    for (const [key, b] of this.buckets) {
      const recent = b.queue.slice(b.head).map((e): [number, number] => [e.completedMs, e.transit]);
      buckets[key] = { recent, allSum: b.allSum, allCount: b.allCount };
    }
    return { windowDays: this.windowMs / 86_400_000, buckets };
  }

  static fromSnapshot(s: LaneHistorySnapshot): LaneHistory {
    const h = new LaneHistory(s.windowDays);
    for (const [key, b] of Object.entries(s.buckets)) {
      const queue = b.recent.map(([completedMs, transit]) => ({ completedMs, transit }));
      const recentSum = queue.reduce((acc, e) => acc + e.transit, 0);
      h.buckets.set(key, { queue, head: 0, recentSum, allSum: b.allSum, allCount: b.allCount });
    }
    return h;
  }
}

/** Append in completion order; an entry older than the tail (after a snapshot restore) goes to its place. */
function insertSorted(queue: { completedMs: number; transit: number }[], e: { completedMs: number; transit: number }, head: number): void {
  if (queue.length === 0 || queue[queue.length - 1]!.completedMs <= e.completedMs) {
    queue.push(e);
    return;
  }
  let lo = head;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (queue[mid]!.completedMs <= e.completedMs) lo = mid + 1;
    else hi = mid;
  }
  queue.splice(lo, 0, e);
}
