import { PermanentCarrierError, TransientCarrierError } from '../carrier-errors.js';

/** Options of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive transient failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  resetAfterMs: number;
  /** Clock in epoch ms; tests pass a fake one. */
  now?: () => number;
}

/** `closed`: calls pass. `open`: calls fail fast. `half-open`: one trial call decides. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Stops hammering a carrier that is down. After `failureThreshold` consecutive transient failures the circuit
 * opens and calls are rejected at once with `TransientCarrierError('CIRCUIT_OPEN')` (so pollers back off as for
 * any outage); after `resetAfterMs` one trial call is let through and its outcome closes or re-opens it.
 * A `PermanentCarrierError` is an answer from a working carrier (a 4xx), so it counts as health, not failure.
 */
export class CircuitBreaker {
  private readonly threshold: number;
  private readonly resetAfterMs: number;
  private readonly now: () => number;
  private failures = 0;
  private openedAtMs: number | undefined;
  private trialInFlight = false;

  constructor(opts: CircuitBreakerOptions) {
    if (!(opts.failureThreshold >= 1)) throw new RangeError('CircuitBreaker failureThreshold must be at least 1');
    this.threshold = opts.failureThreshold;
    this.resetAfterMs = opts.resetAfterMs;
    this.now = opts.now ?? Date.now;
  }

  /** The current state, for metrics and tests. */
  get state(): CircuitState {
    if (this.openedAtMs === undefined) return 'closed';
    return this.now() - this.openedAtMs >= this.resetAfterMs ? 'half-open' : 'open';
  }

  /** Runs `fn` unless the circuit is open; records its outcome. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state;
    const isTrial = state === 'half-open';
    if (state === 'open' || (isTrial && this.trialInFlight)) {
      const waitMs = Math.max(0, (this.openedAtMs ?? 0) + this.resetAfterMs - this.now());
      throw new TransientCarrierError('Carrier circuit is open after repeated failures', 'CIRCUIT_OPEN', waitMs);
    }
    if (isTrial) this.trialInFlight = true;
    try {
      const result = await fn();
      this.close();
      return result;
    } catch (error) {
      if (error instanceof PermanentCarrierError) this.close();
      else this.recordFailure(isTrial);
      throw error;
    } finally {
      if (isTrial) this.trialInFlight = false;
    }
  }

  private close(): void {
    this.failures = 0;
    this.openedAtMs = undefined;
  }

  private recordFailure(wasTrial: boolean): void {
    this.failures += 1;
    if (wasTrial || this.failures >= this.threshold) this.openedAtMs = this.now();
  }
}
