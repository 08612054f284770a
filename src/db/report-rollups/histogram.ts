/**
 * Counts per integer key (delivery minutes, promise deadlines in ms) as two parallel arrays, keys strictly
 * ascending, every count above zero. A report merges hundreds of these with thousands of keys each: sorted
 * arrays merge in one linear pass and give ranks without sorting, where a Map paid a hash per key, and a
 * sort per median. Treated as immutable (merges return a new histogram), so rows may share one. Pure.
 */
export interface Histogram {
  readonly keys: readonly number[];
  readonly counts: readonly number[];
}

export const EMPTY_HISTOGRAM: Histogram = Object.freeze({ keys: Object.freeze([]), counts: Object.freeze([]) });

/** The histogram of a key → count map (keys sorted; zero counts dropped). */
export function histogramOf(m: ReadonlyMap<number, number>): Histogram {
  const entries = [...m].filter(([, c]) => c !== 0).sort((a, b) => a[0] - b[0]);
  if (!entries.length) return EMPTY_HISTOGRAM;
  return { keys: entries.map(([k]) => k), counts: entries.map(([, c]) => c) };
}

/** The sum of the counts of keys `<= limit`. */
export function countAtMost(h: Histogram, limit: number): number {
  let n = 0;
  for (let i = 0; i < h.keys.length && h.keys[i]! <= limit; i++) n += h.counts[i]!;
  return n;
}

/** The key at 0-based rank `rank` (the values in ascending order, each repeated by its count). */
export function keyAtRank(h: Histogram, rank: number): number {
  let seen = 0;
  for (let i = 0; i < h.keys.length; i++) {
    seen += h.counts[i]!;
    if (rank < seen) return h.keys[i]!;
  }
  throw new Error(`rank ${rank} beyond the histogram (${seen} values)`);
}

/**
 * The key-wise sum of many histograms in one pass. When their keys span a range not much wider than their
 * entries (delivery minutes: a few thousand keys over a few thousand minutes), over a dense array; else (ms
 * deadlines spread over weeks) a k-way merge, each entry taken once in key order from a min-heap of the
 * histograms' next keys (pairwise merges copied the growing sum once per histogram).
 */
export function sumHistograms(list: readonly Histogram[]): Histogram {
  const parts = list.filter((h) => h.keys.length);
  if (parts.length <= 1) return parts[0] ?? EMPTY_HISTOGRAM;
  let min = Infinity;
  let max = -Infinity;
  let entries = 0;
  for (const h of parts) {
    min = Math.min(min, h.keys[0]!);
    max = Math.max(max, h.keys[h.keys.length - 1]!);
    entries += h.keys.length;
  }
  const span = max - min + 1;
  if (span > 4 * entries + 4_096) return mergeSparse(parts);
  const dense = new Float64Array(span);
  for (const h of parts) {
    for (let i = 0; i < h.keys.length; i++) {
      const at = h.keys[i]! - min;
      dense[at] = dense[at]! + h.counts[i]!;
    }
  }
  const keys: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < span; i++) {
    if (dense[i] !== 0) {
      keys.push(min + i);
      counts.push(dense[i]!);
    }
  }
  return { keys, counts };
}

/** The k-way merge of non-empty histograms: O(entries · log histograms). */
function mergeSparse(parts: readonly Histogram[]): Histogram {
  const next = new Array<number>(parts.length).fill(0);
  const headKey = (p: number) => parts[p]!.keys[next[p]!]!;
  // The histograms with entries left, as a binary min-heap on their next key.
  const heap = parts.map((_, p) => p);
  const siftDown = (from: number) => {
    for (let i = from; ; ) {
      const l = 2 * i + 1;
      let least = i;
      if (l < heap.length && headKey(heap[l]!) < headKey(heap[least]!)) least = l;
      if (l + 1 < heap.length && headKey(heap[l + 1]!) < headKey(heap[least]!)) least = l + 1;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  const keys: number[] = [];
  const counts: number[] = [];
  while (heap.length) {
    const p = heap[0]!;
    const key = headKey(p);
    const count = parts[p]!.counts[next[p]!]!;
    if (keys.length && keys[keys.length - 1] === key) counts[counts.length - 1]! += count;
    else {
      keys.push(key);
      counts.push(count);
    }
    next[p]! += 1;
    if (next[p] === parts[p]!.keys.length) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    siftDown(0);
  }
  return { keys, counts };
}
