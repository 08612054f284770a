import type { Connection } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createOrderUpdateRepository } from '../../../src/db/order-updates/repository.js';
import { createProjectionRepository } from '../../../src/db/shipments/projection-repository.js';
import { createTrackingViewRepository } from '../../../src/db/tracking-views/repository.js';
import { writtenStamp } from '../../../src/db/written-since.js';
import { placedOrderProjection } from '../../support/placed-projection.js';
import { uniqueName } from '../../support/servers.js';
import { useTwoConnections } from './two-connections.js';

const pair = useTwoConnections('orderupdates');
const at = new Date('2026-12-06T12:00:00Z');

/** An entry as the workers of the previous release append it (this release appends none). */
const olderEntry = (orderCode: string, revision: number, entryAt: Date, writtenAt = new Date()) => ({ orderCode, revision, at: entryAt, ...writtenStamp(writtenAt) });

describe('order_updates of the previous release (real MongoDB wire server)', () => {
  it('answers every revision its workers wrote since a moment, to another connection', async () => {
    const [a, b] = pair();
    const reader = createOrderUpdateRepository(b);
    const [x, y] = [uniqueName('X'), uniqueName('Y')];
    const before = Date.now() - 1;
    await a.db!.collection('order_updates').insertMany([olderEntry(x, 1, at), olderEntry(x, 2, at), olderEntry(y, 1, at), olderEntry(x, 3, at, new Date(before - 5_000))]);
    const mine = (await reader.writtenSince(before)).filter((u) => u.orderCode === x || u.orderCode === y);
    expect(mine.map((u) => `${u.orderCode}@${u.revision}`).sort()).toEqual([`${x}@1`, `${x}@2`, `${y}@1`].sort());
    expect((await reader.writtenSince(Date.now() + 10_000)).filter((u) => u.orderCode === x)).toEqual([]);
  });
});

const stamped = async (connection: Connection, since: number, code: string) =>
  (await createTrackingViewRepository(connection).writtenSince(since)).filter((u) => u.orderCode === code);

describe('the tracking views\' write stamps (the live pages\' hook)', () => {
  it('a projection stamps the view it writes, read by another connection; a replay stamps nothing and appends no order_updates entry', async () => {
    const [a, b] = pair();
    const projection = await placedOrderProjection(a, { revision: 2 });
    const before = Date.now() - 1;
    await createProjectionRepository(a).apply(projection, at);
    expect(await stamped(b, before, projection.orderCode)).toEqual([{ orderCode: projection.orderCode, revision: 2, at: expect.any(Number) }]);
    const afterFirst = Date.now();
    await new Promise((r) => setTimeout(r, 5));
    await createProjectionRepository(a).apply(projection, at);
    expect(await stamped(b, afterFirst, projection.orderCode)).toEqual([]);
    expect(await a.db!.collection('order_updates').countDocuments({ orderCode: projection.orderCode })).toBe(0);
  });

  it('a later revision is stamped again, with its revision', async () => {
    const [a, b] = pair();
    const base = await placedOrderProjection(a);
    await createProjectionRepository(a).apply(base, at);
    const since = Date.now() - 1;
    await createProjectionRepository(a).apply({ ...base, revision: 2, status: 'delivered', milestone: 'delivered', deliveredAt: '2026-12-02T10:00:00Z', newEvents: [] }, at);
    expect((await stamped(b, since, base.orderCode)).map((w) => w.revision)).toEqual([2]);
  });
});

describe('order_updates retention', () => {
  it('prune deletes entries older than the retention only', async () => {
    const [a] = pair();
    const repo = createOrderUpdateRepository(a);
    const code = uniqueName('OLD');
    await a.db!.collection('order_updates').insertMany([olderEntry(code, 1, new Date('2026-12-01T00:00:00Z')), olderEntry(code, 2, new Date('2026-12-06T11:00:00Z'))]);
    await repo.prune(at);
    expect((await a.db!.collection('order_updates').find({ orderCode: code }).toArray()).map((d) => d.revision)).toEqual([2]);
  });
});
