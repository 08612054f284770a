import { describe, expect, it } from 'vitest';
import { createFeedbackRepository } from '../../../src/db/feedback/repository.js';
import { createOrderUpdateRepository } from '../../../src/db/order-updates/repository.js';
import { createOrderRepository } from '../../../src/db/orders/repository.js';
import { createViewChangeRepository } from '../../../src/db/view-changes/repository.js';
import { findWrittenSince, MAX_READ_GAP_MS, writtenStamp } from '../../../src/db/written-since.js';
import { uniqueName } from '../../support/servers.js';
import { useTwoConnections } from './two-connections.js';

const pair = useTwoConnections('viewchanges');

describe('the view caches\' change feed (real MongoDB-wire server)', () => {
  it('preferences and feedback written through one connection are read back by the other by write time; revisions too', async () => {
    const [a, b] = pair();
    const code = uniqueName('VCH');
    const since = Date.now() - 1;
    await createOrderRepository(a).setNotificationPreferences(code, { channels: ['email'], language: 'tr' });
    await createFeedbackRepository(a).answer(code, { rating: 5 }, new Date());
    // An entry of a worker of the previous release: its recordedAt (`at`) may be far older than the insert,
    // the feed goes by the insert.
    await a.db!.collection('order_updates').insertOne({ orderCode: code, revision: 7, at: new Date('2026-01-01T00:00:00Z'), ...writtenStamp(new Date()) });

    const changes = await createViewChangeRepository(b).writtenSince(since);
    expect(changes.filter((c) => c.orderCode === code)).toHaveLength(2);
    for (const c of changes) expect(c.at).toBeGreaterThan(since);
    const revisions = await createOrderUpdateRepository(b).writtenSince(since);
    expect(revisions.filter((r) => r.orderCode === code)).toEqual([{ orderCode: code, revision: 7, at: expect.any(Number) }]);
    expect(await createViewChangeRepository(b).writtenSince(Date.now() + 1_000)).toEqual([]);
  });

  it('reads by the second written (equality reads, which FerretDB answers from the index) and keeps the exact cut, up to the longest gap the change feed reads; a longer window is refused', async () => {
    const [a] = pair();
    const collection = a.db!.collection('written_since_probe');
    const tag = uniqueName('WS');
    const t0 = Math.floor(Date.now() / 1000) * 1000;
    const at = (offsetMs: number) => ({ tag, offsetMs, ...writtenStamp(new Date(t0 + offsetMs)) });
    // Before the cut, at the cut (excluded, like `> since`), inside, 1.5 s ahead of the reader's clock, too far ahead.
    await collection.insertMany([at(-1_500), at(-200), at(0), at(150), at(2_400), at(1_500 + 1_000), at(10_000)]);
    const read = async (since: number, now: number) =>
      (await findWrittenSince(collection, since, { _id: 0, tag: 1, offsetMs: 1 }, now))
        .filter((d) => d.tag === tag)
        .map((d) => d.offsetMs as number)
        .sort((x, y) => x - y);
    expect(await read(t0, t0 + 1_000)).toEqual([150, 2_400, 2_500]);
    expect(await read(t0 - 1_000, t0 + 1_000)).toEqual([-200, 0, 150, 2_400, 2_500]);
    // The longest window the feed asks is still read by second, to the same cut.
    expect(await read(t0 + 1_000 - MAX_READ_GAP_MS, t0 + 1_000)).toEqual([-1_500, -200, 0, 150, 2_400, 2_500]);
    // A reader 5 minutes behind is refused, before any read: the feed skips such a gap instead.
    const asked: unknown[] = [];
    const watched = { find: (filter: Record<string, unknown>, options: { projection: Record<string, unknown> }) => (asked.push(filter), collection.find(filter, options)) };
    await expect(findWrittenSince(watched, t0 - 300_000, { _id: 0 }, t0 + 1_000)).rejects.toThrow(RangeError);
    expect(asked).toEqual([]);
  });

  it('prune deletes view changes older than the retention only', async () => {
    const [a] = pair();
    const repo = createViewChangeRepository(a);
    const code = uniqueName('VCP');
    await repo.note(code, 'preferences');
    await repo.prune(new Date(Date.now() + 2 * 3_600_000));
    await repo.note(code, 'feedback');
    await repo.prune(new Date());
    expect((await a.db!.collection('view_changes').find({ orderCode: code }).toArray()).map((d) => d.kind)).toEqual(['feedback']);
  });
});
