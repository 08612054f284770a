import type { CarrierId } from '../../carriers/carrier-adapter.js';

/** How a faulted request fails. */
export type FaultMode = '5xx' | 'timeout' | '429';
export const FAULT_MODES = ['5xx', 'timeout', '429'] as const;

/** A pending fault: the next `remaining` tracking/token requests (of one carrier, or any) fail with `mode`. */
export interface FaultRule {
  mode: FaultMode;
  remaining: number;
  retryAfterSeconds?: number;
  /** Only this carrier format's endpoints; all when absent. */
  carrier?: CarrierId;
}

/** What `POST /control/faults` accepts. */
export interface FaultRequest {
  mode: FaultMode | 'none';
  count?: number;
  retryAfterSeconds?: number;
  carrier?: CarrierId;
}

/** Injected failures, consumed first come first served. */
export class FaultBoard {
  private rules: FaultRule[] = [];

  /** Queues a fault; `none` clears the faults of that carrier (or all of them without a carrier). */
  set(request: FaultRequest): void {
    if (request.mode === 'none') {
      this.rules = request.carrier ? this.rules.filter((rule) => rule.carrier !== request.carrier) : [];
      return;
    }
    const rule: FaultRule = { mode: request.mode, remaining: request.count ?? 1 };
    if (request.retryAfterSeconds !== undefined) rule.retryAfterSeconds = request.retryAfterSeconds;
    if (request.carrier) rule.carrier = request.carrier;
    this.rules.push(rule);
  }

  /** Consumes one fault due for a request to `carrier`'s endpoints, if any. */
  take(carrier: CarrierId): FaultRule | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && (r.carrier === undefined || r.carrier === carrier));
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return { ...rule };
  }

  /** Pending faults (copies). */
  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  reset(): void {
    this.rules = [];
  }
}

// The `api_outage` scenario's failures, in turn: mostly server errors, some throttling, the odd hang.
const OUTAGE_CYCLE: readonly FaultMode[] = ['5xx', '429', '5xx', 'timeout'];

/** The fault for the `n`-th failed look-up (0-based) of a shipment inside its outage window. */
export function outageFault(n: number): FaultRule {
  const mode = OUTAGE_CYCLE[n % OUTAGE_CYCLE.length] ?? '5xx';
  return mode === '429' ? { mode, remaining: 0, retryAfterSeconds: 5 } : { mode, remaining: 0 };
}
