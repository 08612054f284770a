/**
 * The simulator's clock: "carrier time" in epoch ms. With `timeScale` > 1 it runs faster than the wall clock
 * (10 080 = one week per minute), so scenario events spread over days play out in seconds while their
 * timestamps still look like a real carrier's.
 */
export interface SimClock {
  /** Carrier time now, epoch ms. */
  now(): number;
  /** Carrier ms per real ms. */
  readonly timeScale: number;
}

/** Options for {@link createSimClock}. */
export interface SimClockOptions {
  /** Carrier ms per real ms (default 1: real time). */
  timeScale?: number;
  /** Carrier time at the moment the clock is created (default: the real time then). */
  startAt?: number;
  /** The real clock (default `Date.now`); injected by tests. */
  realNow?: () => number;
}

/** A clock that runs `timeScale` times faster than `realNow`, anchored at creation. */
export function createSimClock(options: SimClockOptions = {}): SimClock {
  const realNow = options.realNow ?? Date.now;
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
  const realStart = realNow();
  const start = options.startAt ?? realStart;
  return { timeScale, now: () => start + Math.round((realNow() - realStart) * timeScale) };
}

/** A clock that only moves when told: for tests that step through a scenario. */
export interface ManualClock extends SimClock {
  /** Moves carrier time forward by `ms`. */
  advance(ms: number): void;
  /** Sets carrier time. */
  set(ms: number): void;
}

/** A {@link ManualClock} starting at `startAt` (epoch ms). */
export function createManualClock(startAt: number): ManualClock {
  let current = startAt;
  return {
    timeScale: 1,
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
