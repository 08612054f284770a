import { seededRandom } from '../../util/seeded-random.js';

/**
 * Seeded pseudo-randomness: scenarios vary between shipments (number of scans, hours between them, route)
 * yet replay identically for the same seed and tracking number, so tests and demos are reproducible.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a 32-bit hash of a string: turns a tracking number into seed material. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Seeded (mulberry32, src/util/seeded-random.ts): good enough for picking delays; not for anything secret. */
export function createRng(seed: number): Rng {
  const next = seededRandom(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
  };
}

/** The generator for one shipment: the simulator seed mixed with its tracking number. */
export function shipmentRng(seed: number, trackingNumber: string): Rng {
  return createRng((seed ^ hashString(trackingNumber)) >>> 0);
}
