/** Options of {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Most calls allowed in a burst (bucket size). */
  capacity: number;
  /** Sustained rate: tokens added per second. */
  refillPerSecond: number;
  /** Clock in epoch ms; tests pass a fake one. */
  now?: () => number;
  /** Waits `ms`; tests pass one that advances the fake clock. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Client-side rate limiter: a bucket of `capacity` tokens refilled continuously. `take()` resolves at once
 * while tokens remain and otherwise waits until its token has been refilled. Waiters reserve their token up
 * front (the balance goes negative), so they are served in call order and nobody wakes up just to sleep again.
 */
export class TokenBucket {
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private tokens: number;
  private updatedAtMs: number;

  constructor(opts: TokenBucketOptions) {
    if (!(opts.capacity >= 1)) throw new RangeError('TokenBucket capacity must be at least 1');
    if (!(opts.refillPerSecond > 0)) throw new RangeError('TokenBucket refillPerSecond must be positive');
    this.capacity = opts.capacity;
    this.refillPerMs = opts.refillPerSecond / 1000;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
    this.tokens = opts.capacity;
    this.updatedAtMs = this.now();
  }

  /** Takes one token, waiting for the refill when the bucket is empty. */
  async take(): Promise<void> {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAtMs) * this.refillPerMs);
    this.updatedAtMs = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    await this.sleep(Math.ceil(-this.tokens / this.refillPerMs));
  }
}
