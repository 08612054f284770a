import { HISTORY_WINDOW_DAYS } from './lane-history.js';
import type { CompletedDelivery } from './purchase-input.js';
import { parseInstant } from './time-zone.js';

const DAY_MS = 86_400_000;

/**
 * The deliveries a serving process has counted into its lane history, keyed by order: a delivery that
 * arrives twice (from the worker's own projection and from the database) is counted once, and a newly
 * loaded model's history (its snapshot) gets them replayed. Bounded: only the history window before the
 * newest delivery is kept, and at most `cap` deliveries (the newest).
 */
export class RecentDeliveries {
  private readonly byOrder = new Map<string, { delivery: CompletedDelivery; deliveredMs: number }>();
  private sinceCheck = 0;

  constructor(
    private readonly cap: number,
    // Two days beyond the features' window: a database refresh (window + a day) never brings back one pruned.
    private readonly windowMs = (HISTORY_WINDOW_DAYS + 2) * DAY_MS,
  ) {}

  /** False when this order was already remembered; a delivery without an order id cannot be deduplicated and is not kept. */
  remember(delivery: CompletedDelivery): boolean {
    const id = delivery.input.orderId;
    if (id === undefined) return true;
    if (this.byOrder.has(id)) return false;
    this.byOrder.set(id, { delivery, deliveredMs: parseInstant(delivery.deliveredAt, delivery.input.customerTimeZone) });
    this.sinceCheck += 1;
    // Pruning sorts everything: done once the cap is passed or every thousand additions, not on each one.
    if (this.byOrder.size > this.cap || this.sinceCheck >= 1000) this.prune();
    return true;
  }

  has(orderId: string): boolean {
    return this.byOrder.has(orderId);
  }

  get size(): number {
    return this.byOrder.size;
  }

  /** Remembered deliveries, oldest delivery first. */
  list(): CompletedDelivery[] {
    return [...this.byOrder.values()].sort((a, b) => a.deliveredMs - b.deliveredMs).map((e) => e.delivery);
  }

  private prune(): void {
    this.sinceCheck = 0;
    const entries = [...this.byOrder].sort((a, b) => b[1].deliveredMs - a[1].deliveredMs);
    const from = (entries[0]?.[1].deliveredMs ?? 0) - this.windowMs;
    entries.forEach(([id, e], i) => {
      if (i >= this.cap || e.deliveredMs < from) this.byOrder.delete(id);
    });
  }
}
