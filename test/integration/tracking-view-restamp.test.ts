import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongo } from '../../src/db/connection.js';
import { createCustomerRepository } from '../../src/db/customers/repository.js';
import type { ProjectionInput } from '../../src/db/shipments/projection-input.js';
import { createTrackingViewRepository } from '../../src/db/tracking-views/repository.js';
import { placedOrderProjection } from '../support/placed-projection.js';
import { mongoUriFor, startTestMongo, uniqueName } from '../support/servers.js';

let connection: Connection;
/** The stamps each update of `tracking_views` set, in order. */
const stamps: { orderCode: unknown; writtenAt: unknown }[] = [];

beforeAll(async () => {
  const server = await startTestMongo();
  const url = new URL(mongoUriFor(server.uri, uniqueName('view-restamp')));
  url.searchParams.set('monitorCommands', 'true');
  connection = await connectMongo(url.toString());
  connection.getClient().on('commandStarted', (event) => {
    if (event.commandName !== 'update' || event.command.update !== 'tracking_views') return;
    for (const u of event.command.updates as { q: { orderCode?: unknown }; u: { $set?: { writtenAt?: unknown } } }[]) {
      if (u.u.$set?.writtenAt) stamps.push({ orderCode: u.q.orderCode, writtenAt: u.u.$set.writtenAt });
    }
  });
});

afterAll(async () => {
  await connection?.close();
});

async function placed(): Promise<ProjectionInput> {
  const email = `${uniqueName('rst').toLowerCase()}@example.com`;
  return placedOrderProjection(connection, {}, await createCustomerRepository(connection).findOrCreateByEmail({ email, name: 'Ann Lee' }));
}

describe('a tracking view whose projection write was slow to land is stamped again (the change feeds look back only a few seconds)', () => {
  it('stamps twice, the second time after the write landed, when the write took longer than the threshold', async () => {
    const p = await placed();
    const views = createTrackingViewRepository(connection, { restampAfterMs: 0 });
    stamps.length = 0;
    expect(await views.projected(p, undefined, new Date())).toBe(true);
    const mine = stamps.filter((s) => s.orderCode === p.orderCode).map((s) => (s.writtenAt as Date).getTime());
    expect(mine).toHaveLength(2);
    expect(mine[1]).toBeGreaterThanOrEqual(mine[0]!);
    const stored = await connection.db!.collection('tracking_views').findOne({ orderCode: p.orderCode });
    expect((stored!.writtenAt as Date).getTime()).toBe(mine[1]);
    expect(stored!.revision).toBe(1);
  });

  it('stamps once when the write landed in time, and a replay of an older revision stamps nothing', async () => {
    const p = await placed();
    const views = createTrackingViewRepository(connection);
    stamps.length = 0;
    await views.projected(p, undefined, new Date());
    expect(stamps.filter((s) => s.orderCode === p.orderCode)).toHaveLength(1);
    const slow = createTrackingViewRepository(connection, { restampAfterMs: 0 });
    stamps.length = 0;
    expect(await slow.projected(p, undefined, new Date())).toBe(true);
    // The guarded update was sent (and matched nothing); no second stamp for a write that stored nothing.
    expect(stamps.filter((s) => s.orderCode === p.orderCode)).toHaveLength(1);
  });
});
