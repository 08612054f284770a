import { beforeAll, describe, expect, it } from 'vitest';
import { createEtaRevisions } from '../../activities/eta.js';
import { createEtaService } from '../../ml/eta-service.js';
import { createEtaOutcomeRepository } from '../../src/db/eta-outcomes/repository.js';
import { createEtaRevisionRepository } from '../../src/db/eta-revisions/repository.js';
import type { OrderRepository } from '../../src/db/orders/repository.js';
import type { ProjectionInput } from '../../src/db/shipments/projection-input.js';
import { createLogger } from '../../src/observability/logger.js';
import { orderBody, storefrontHeaders } from '../support/orders.js';
import { uniqueName } from '../support/servers.js';
import type { TestStack } from '../support/stack.js';
import { useTestServers } from '../support/test-servers.js';

const suite = useTestServers('dev');
let stack: TestStack;

beforeAll(async () => {
  // No worker: the test is the only writer of the orders' projections.
  stack = await suite.stack({ startWorker: false });
});

/** One worker's ETA side, over the real order repository, counting its reads of the order. */
function etaSide() {
  let reads = 0;
  const orders = stack.repos.orders;
  const counted = {
    ...orders,
    findEtaState: (code: string) => {
      reads += 1;
      return orders.findEtaState(code);
    },
  } as OrderRepository;
  const revisions = createEtaRevisions({
    orders: counted,
    revisions: createEtaRevisionRepository(stack.mongo),
    outcomes: createEtaOutcomeRepository(stack.mongo),
    eta: createEtaService({ cutoffHour: 14 }),
    logger: createLogger('error'),
    now: () => new Date(),
  });
  /** One revision's projection write, as activities/projection.ts makes it. */
  async function write(p: ProjectionInput) {
    const decision = await revisions.estimateFor(p);
    const { orderApplied } = await stack.repos.projections.apply(p, new Date(), decision.estimate, decision.order);
    revisions.written(p, decision, orderApplied);
    return decision;
  }
  return { write, revisions, reads: () => reads };
}

const projection = (orderCode: string, revision: number, at: string): ProjectionInput => ({
  orderCode,
  carrierId: 'ups',
  revision,
  status: 'in_transit',
  milestone: 'shipped',
  milestoneAt: { shipped: at },
  stalledSince: null,
  newEvents: [{ status: 'in_transit', occurredAt: at, description: `scan ${revision}`, location: { city: 'Sacramento', region: 'CA', country: 'US' } }],
  eventSource: 'webhook',
});

async function placeOrder(): Promise<string> {
  const code = uniqueName('ETA-MEM');
  const body = orderBody(code, {
    placedAt: new Date(Date.now() - 3_600_000).toISOString(),
    shippingAddress: { line1: '1 Main St', city: 'Los Angeles', region: 'CA', postalCode: '90012', country: 'US' },
  });
  const res = await stack.app.request('/api/v1/orders', { method: 'POST', headers: storefrontHeaders(), body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return code;
}

describe('a worker remembers the ETA state its own write stored (one read of the order fewer per carrier event)', () => {
  it('reads the order for the first revision only, and starts the next from what it wrote, equal to what is stored', async () => {
    const code = await placeOrder();
    const worker = etaSide();
    const now = Date.now();
    await worker.write(projection(code, 1, new Date(now - 1_800_000).toISOString()));
    expect(worker.reads()).toBe(1);
    const second = await worker.write(projection(code, 2, new Date(now - 900_000).toISOString()));
    expect(worker.reads()).toBe(1);
    // What it started revision 2 from is the order as revision 1 stored it.
    const stored = await stack.repos.orders.findEtaState(code);
    expect(second.order?.revision).toBe(1);
    expect(second.order?.estimatedDelivery).toEqual(expect.objectContaining({ date: expect.any(String) }));
    const third = await worker.write(projection(code, 3, new Date(now).toISOString()));
    expect(worker.reads()).toBe(1);
    expect(third.order).toMatchObject({ revision: 2 });
    expect((await stack.repos.orders.findEtaState(code))?.revision).toBe(3);
    expect(stored?.revision).toBe(2);
    expect(third.order?.estimatedDelivery).toEqual(stored?.estimatedDelivery);
  });

  it('reads again when another worker wrote the revision in between, or when its own write was a replay', async () => {
    const code = await placeOrder();
    const [a, b] = [etaSide(), etaSide()];
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    await a.write(projection(code, 1, at(30)));
    await b.write(projection(code, 2, at(20)));
    // A remembers revision 1 only; revision 3 follows B's 2, so A reads the order (and sees B's revision).
    const third = await a.write(projection(code, 3, at(10)));
    expect(a.reads()).toBe(2);
    expect(third.order?.revision).toBe(2);
    // B replays revision 2 (a retried activity): nothing stored, nothing remembered; its next write reads.
    await b.write(projection(code, 2, at(20)));
    await b.write(projection(code, 4, at(5)));
    expect(b.reads()).toBe(3);
    expect((await stack.repos.orders.findEtaState(code))?.revision).toBe(4);
  });

  it('a write that failed after the order took its revision is retried from a read of the order, not from memory', async () => {
    const code = await placeOrder();
    const worker = etaSide();
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    await worker.write(projection(code, 1, at(30)));
    // Revision 2's first attempt: decided from memory, the order written, then the attempt fails (say, the
    // view's write) before it could remember anything.
    const second = projection(code, 2, at(20));
    const first = await worker.revisions.estimateFor(second);
    expect(worker.reads()).toBe(1);
    await stack.repos.projections.apply(second, new Date(), first.estimate, first.order);
    // The retry reads the order (now at revision 2) and keeps the estimate stored with it.
    const retry = await worker.write(second);
    expect(worker.reads()).toBe(2);
    expect(retry.order?.revision).toBe(2);
    expect(retry.estimate).toBe('keep');
  });
});
