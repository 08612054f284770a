import type { DbConnection } from '../../src/db/connection.js';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import { createProjectionRepository } from '../../src/db/shipments/projection-repository.js';
import { mapWithConcurrency } from '../../src/util/map-with-concurrency.js';
import type { Ledger } from './ledger.js';

export interface CatchUp {
  /** Epoch ms when everything accepted up to the cut-off was visible; undefined if the timeout came first. */
  caughtUpAt?: number;
  /** Accepted up to the cut-off and still not visible at the end. */
  outstanding: { webhooks: number; orders: number };
}

/**
 * Waits until every webhook and order answered 2xx up to `cutoffMs` shows in the read model (the event in
 * its order's timeline; the order with its workflow's first projection), asking only about orders that
 * still owe something, a few at a time. Marks `seenAt` in the ledger as it finds them. Read errors (the
 * database may be the fault) count as "not yet".
 */
export async function waitForCatchUp(
  ledger: Ledger,
  mongo: DbConnection,
  cutoffMs: number,
  timeoutMs: number,
  onProgress: (text: string) => void,
): Promise<CatchUp> {
  const orders = createOrderRepository(mongo);
  const projections = createProjectionRepository(mongo);
  const deadline = Date.now() + timeoutMs;
  let lastLine = Date.now();
  for (;;) {
    const owedOrders = [...ledger.orders.values()].filter((o) => o.acceptedAt !== undefined && o.acceptedAt <= cutoffMs && o.seenAt === undefined);
    const owedHooks = [...ledger.webhooks.values()].filter((w) => w.acceptedAt !== undefined && w.acceptedAt <= cutoffMs && w.seenAt === undefined);
    if (owedOrders.length === 0 && owedHooks.length === 0) return { caughtUpAt: Date.now(), outstanding: { webhooks: 0, orders: 0 } };
    if (Date.now() > deadline) return { outstanding: { webhooks: owedHooks.length, orders: owedOrders.length } };
    if (Date.now() - lastLine >= 5_000) {
      lastLine = Date.now();
      onProgress(`catching up: ${owedHooks.length} webhooks and ${owedOrders.length} orders answered 2xx not yet in the read model`);
    }
    const codes = new Set([...owedOrders.map((o) => o.code), ...owedHooks.map((w) => w.orderCode)]);
    await mapWithConcurrency([...codes], 4, async (code) => {
      const at = Date.now();
      try {
        const order = ledger.orders.get(code)!;
        if (order.seenAt === undefined && ((await orders.findByCode(code))?.revision ?? 0) >= 1) order.seenAt = at;
        const ids = new Set((await projections.listEvents(code)).map((e) => e.carrierEventId as string | undefined));
        for (const w of owedHooks) if (w.orderCode === code && ids.has(w.eventId)) w.seenAt = at;
      } catch {
        // Not readable now: asked again on the next round.
      }
    });
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
