/**
 * The quantile levels every estimator here outputs (model, baseline, prior): 10th and 90th percentile make
 * the range, the median the most likely date, and the upper levels are candidates for the promise.
 */
export const QUANTILE_LEVELS = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975] as const;
export const LOW_INDEX = 0;
export const MEDIAN_INDEX = 2;
export const HIGH_INDEX = 4;

/** Pinball (quantile) loss of one prediction for one level. */
export function pinball(level: number, actual: number, predicted: number): number {
  const diff = actual - predicted;
  return diff >= 0 ? level * diff : (level - 1) * diff;
}

/** Mean pinball loss over all levels for one row. */
export function meanPinball(actual: number, predicted: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < QUANTILE_LEVELS.length; i += 1) sum += pinball(QUANTILE_LEVELS[i]!, actual, predicted[i]!);
  return sum / QUANTILE_LEVELS.length;
}

/** Empirical quantile (linear interpolation) of an ascending-sorted array. */
export function sortedQuantile(sorted: ArrayLike<number>, level: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * level;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** All levels of a sample. */
export function quantilesOf(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return QUANTILE_LEVELS.map((q) => sortedQuantile(sorted, q));
}

/** Quantile outputs made non-decreasing (a network's raw outputs may cross). */
export function monotone(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  let prev = -Infinity;
  for (let i = 0; i < values.length; i += 1) {
    prev = Math.max(prev, values[i]!);
    out.push(prev);
  }
  return out;
}
