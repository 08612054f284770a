/**
 * Shrinkage for thin history keys (a seller, a finer lane): a key seen n times speaks with weight n against a
 * pseudo-count of its parent's figure (the state lane, the whole shop), so two early deliveries of a new lane
 * move the estimate a little and two hundred move it almost all the way.
 */
export const SHRINK_PSEUDO_COUNT = 10;

/** Mean shrunk toward the parent's; the parent's alone when the key has no deliveries. */
export function shrunkMean(n: number, mean: number, parent: number, k = SHRINK_PSEUDO_COUNT): number {
  if (!(n > 0) || !Number.isFinite(mean)) return parent;
  return (n * mean + k * parent) / (n + k);
}

/**
 * Standard deviation from a key's mean and mean square (its transits and their squares counted under two
 * keys), the variance shrunk toward the parent's variance the same way.
 */
export function shrunkStd(n: number, mean: number, meanSquare: number, parentVariance: number, k = SHRINK_PSEUDO_COUNT): number {
  const variance = n > 0 && Number.isFinite(mean) && Number.isFinite(meanSquare) ? Math.max(0, meanSquare - mean * mean) : Number.NaN;
  return Math.sqrt(Math.max(0, shrunkMean(n, variance, parentVariance, k)));
}
