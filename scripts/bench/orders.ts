import { simulatorTrackingNumber } from '../../src/carriers/tracking-number/index.js';
import type { LocalStack } from './local-stack.js';
import { progress } from './report.js';

/** Simulator serials unlikely to meet another run's; each call of placeOrders takes its own range. */
const serialBase = 700_000_000 + Math.floor(Math.random() * 1e8);
let batches = 0;

/** An order placed for a benchmark: its code and the simulator tracking number it ships under. */
export interface BenchOrder {
  code: string;
  trackingNumber: string;
}

/** Runs `task` over `items` with at most `concurrency` at a time. */
export async function forEachLimited<T>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index]!, index);
      }
    }),
  );
}

export interface PlaceOrdersResult {
  /** The orders accepted (201), in the order they were answered. */
  orders: BenchOrder[];
  elapsedMs: number;
  failed: number;
}

/**
 * Places `count` orders through `POST /api/v1/orders` as a storefront would, each for a simulator number
 * registered at the carrier simulator first ('manual': the carrier reports nothing unless told), so the
 * workflow's first poll finds the shipment and sees no news.
 */
export async function placeOrders(
  stack: LocalStack,
  count: number,
  concurrency: number,
  budgetMs = Infinity,
  /** Fields that replace the default body's (e.g. a customer with a phone who chose e-mail and SMS). */
  customize?: (order: BenchOrder, index: number) => Record<string, unknown>,
): Promise<PlaceOrdersResult> {
  const batch = batches++;
  const candidates: BenchOrder[] = Array.from({ length: count }, (_, i) => ({
    code: `BENCH-${stack.runId}-${batch}-${i}`,
    trackingNumber: simulatorTrackingNumber(serialBase + batch * 1_000_000 + i),
  }));
  const orders: BenchOrder[] = [];

  const start = performance.now();
  let placed = 0;
  let failed = 0;
  const ticker = setInterval(() => progress(start, `orders placed ${placed}/${count}${failed ? `, ${failed} failed` : ''}`), 5_000);
  try {
    await forEachLimited(candidates, concurrency, async (order, index) => {
      // A time budget keeps the run bounded on a slow database: what was placed by then is what is measured.
      if (performance.now() - start > budgetMs) return;
      stack.sim.store.register({ trackingNumber: order.trackingNumber, scenario: 'manual' });
      const res = await fetch(`${stack.apiUrl}/api/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.storefrontKey}`, 'content-type': 'application/json', 'idempotency-key': `bench-${order.code}` },
        body: JSON.stringify({
          orderCode: order.code,
          customer: { email: `${order.code.toLowerCase()}@example.com`, name: 'Bench Customer' },
          items: [{ sku: 'SKU-1', name: 'Widget', quantity: 1, weightGrams: 300 }],
          shippingAddress: { line1: '1 Main St', city: 'Portland', postalCode: '97201', country: 'US' },
          shipping: { carrier: 'simulator', trackingNumber: order.trackingNumber },
          notifications: { channels: ['email'] },
          ...customize?.(order, index),
        }),
        signal: AbortSignal.timeout(30_000),
      }).catch(() => undefined);
      if (res?.status === 201) {
        placed += 1;
        orders.push(order);
      } else {
        failed += 1;
        if (failed <= 3) console.error(`  order ${order.code}: HTTP ${res?.status ?? 'no answer'} ${res ? await res.text() : ''}`);
      }
    });
  } finally {
    clearInterval(ticker);
  }
  return { orders, elapsedMs: performance.now() - start, failed };
}
