import { describe, expect, it } from 'vitest';
import type { ProjectionInput } from '../../../activities/activity-types.js';
import { createOrderRepository } from '../../../src/db/orders/repository.js';
import { createOrderUpdateRepository } from '../../../src/db/order-updates/repository.js';
import { createProjectionRepository } from '../../../src/db/shipments/projection-repository.js';
import { uniqueName } from '../../support/servers.js';
import { useTwoConnections } from './two-connections.js';
import { newOrderRecord } from '../../support/orders.js';

const pair = useTwoConnections('orderupdates');
const at = new Date('2026-12-06T12:00:00Z');

describe('order_updates (real MongoDB wire server)', () => {
  it('answers every revision written since a moment, to another connection, and appends idempotently', async () => {
    const [a, b] = pair();
    const writer = createOrderUpdateRepository(a);
    const reader = createOrderUpdateRepository(b);
    const [x, y] = [uniqueName('X'), uniqueName('Y')];
    const before = Date.now() - 1;
    for (const [code, rev] of [[x, 1], [x, 2], [x, 3], [y, 1], [x, 3]] as const) await writer.append(code, rev, at);
    const mine = (await reader.writtenSince(before)).filter((u) => u.orderCode === x || u.orderCode === y);
    expect(mine.map((u) => `${u.orderCode}@${u.revision}`).sort()).toEqual([`${x}@1`, `${x}@2`, `${x}@3`, `${y}@1`].sort());
    expect(await b.db!.collection('order_updates').countDocuments({ orderCode: x })).toBe(3);
    expect((await reader.writtenSince(Date.now() + 10_000)).filter((u) => u.orderCode === x)).toEqual([]);
  });

  it('the projection appends each revision it writes, after the order (the live pages\' hook)', async () => {
    const [a] = pair();
    const code = uniqueName('PRJ');
    await createOrderRepository(a).create(newOrderRecord(code, { placedAt: '2026-12-01T08:00:00Z' }), null);
    const projection: ProjectionInput = {
      orderCode: code,
      carrierId: 'ups',
      revision: 2,
      status: 'out_for_delivery',
      milestone: 'out_for_delivery',
      milestoneAt: { order_received: '2026-12-01T08:00:00Z', out_for_delivery: '2026-12-02T08:00:00Z' },
      stalledSince: null,
      newEvents: [{ status: 'out_for_delivery', occurredAt: '2026-12-02T08:00:00Z', description: 'Out for delivery' }],
      eventSource: 'webhook',
    };
    await createProjectionRepository(a).apply(projection, at);
    await createProjectionRepository(a).apply(projection, at);
    const docs = await a.db!.collection('order_updates').find({ orderCode: code }).toArray();
    expect(docs.map((d) => d.revision)).toEqual([2]);
  });
});

describe('order_updates retention', () => {
  it('prune deletes entries older than the retention only', async () => {
    const [a] = pair();
    const repo = createOrderUpdateRepository(a);
    const code = uniqueName('OLD');
    await repo.append(code, 1, new Date('2026-12-01T00:00:00Z'));
    await repo.append(code, 2, new Date('2026-12-06T11:00:00Z'));
    await repo.prune(at);
    expect((await a.db!.collection('order_updates').find({ orderCode: code }).toArray()).map((d) => d.revision)).toEqual([2]);
  });
});
