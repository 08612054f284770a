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

/** The key-wise sum of two histograms, in one pass. */
export function mergeHistograms(a: Histogram, b: Histogram): Histogram {
  if (!b.keys.length) return a;
  if (!a.keys.length) return b;
  const keys: number[] = [];
  const counts: number[] = [];
  const ak = a.keys;
  const bk = b.keys;
  let i = 0;
  let j = 0;
  while (i < ak.length && j < bk.length) {
    const x = ak[i]!;
    const y = bk[j]!;
    if (x < y) {
      keys.push(x);
      counts.push(a.counts[i++]!);
    } else if (y < x) {
      keys.push(y);
      counts.push(b.counts[j++]!);
    } else {
      keys.push(x);
      counts.push(a.counts[i++]! + b.counts[j++]!);
    }
  }
  for (; i < ak.length; i++) {
    keys.push(ak[i]!);
    counts.push(a.counts[i]!);
  }
  for (; j < bk.length; j++) {
    keys.push(bk[j]!);
    counts.push(b.counts[j]!);
  }
  return { keys, counts };
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
 * The key-wise sum of many histograms. When their keys span a range not much wider than their entries
 * (delivery minutes: a few thousand keys over a few thousand minutes), one pass over a dense array; else
 * (ms deadlines spread over weeks) pairwise merges.
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
  if (span > 4 * entries + 4_096) return parts.reduce(mergeHistograms);
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
