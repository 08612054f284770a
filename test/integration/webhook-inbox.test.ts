import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongo } from '../../src/db/connection.js';
import { Types } from 'mongoose';
import type { InboxEntry, RelayOutcome } from '../../src/db/webhook-inbox/repository.js';
import { createRelayInbox } from '../../src/services/webhook-relay/relay-inbox.js';
import { storedPart } from '../../src/services/webhook-relay/relay-item.js';
import { LEASE_BUCKET_MS, RELAY_LEASE_MS } from '../../src/services/webhook-relay/relay-policy.js';
import { mongoUriFor, startTestMongo, uniqueName, type TestMongo } from '../support/servers.js';

let mongoServer: TestMongo;
let connection: Connection;

beforeAll(async () => {
  mongoServer = await startTestMongo();
  connection = await connectMongo(mongoUriFor(mongoServer.uri, uniqueName('inbox')));
});

afterAll(async () => {
  await connection?.close();
  await mongoServer?.stop();
});

describe('webhook inbox repository (real MongoDB wire server)', () => {
  it('returns from insert the entry that a read of it finds (the relay gets it without a read)', async () => {
    const inbox = createRelayInbox(connection);
    const receivedAt = new Date('2026-12-02T08:00:00Z');
    const updates = [
      { trackingNumber: 'SIM-RET-1', events: [{ status: 'in_transit' as const, occurredAt: '2026-12-02T07:59:00-05:00', description: 'Departed', carrierCode: 'IT', location: { city: 'Memphis', country: 'US' } }], eta: { date: '2026-12-04' } },
      { trackingNumber: 'SIM-RET-2', events: [] },
    ];
    const stored = await inbox.insert({ carrierId: 'simulator', dedupeKey: 'returned-entry', receivedAt, remoteAddress: '127.0.0.1', rawBody: '{"x":1}', updates });
    expect(stored).toMatchObject({ status: 'pending', attempts: 0, receivedAt: receivedAt.toISOString(), deliveries: [{ trackingNumber: 'SIM-RET-1', state: 'pending' }, { trackingNumber: 'SIM-RET-2', state: 'pending' }] });
    expect(stored?.lease).toBeTruthy();
    expect(await inbox.findById(stored!.id)).toMatchObject(stored!);

    // A webhook without updates is settled at once: relayed, with no lease.
    const settled = await inbox.insert({ carrierId: 'simulator', dedupeKey: 'returned-empty', receivedAt, rawBody: '{}', updates: [] });
    expect(settled).toMatchObject({ status: 'relayed', relayedAt: receivedAt.toISOString(), deliveries: [] });
    expect(settled?.lease).toBeUndefined();
    expect(await inbox.findById(settled!.id)).toMatchObject(settled!);
  });

  it('saves a relay batch larger than one save command and than a connection pool, each outcome on its own entry', async () => {
    const inbox = createRelayInbox(connection);
    const receivedAt = new Date('2026-12-01T10:00:00Z');
    // 120 entries: more statements than FerretDB's PostgreSQL pool has connections (50), which is where a
    // command of single-document updates would hang.
    const entries = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        inbox.insert({
          carrierId: 'simulator',
          dedupeKey: `save-${i}`,
          receivedAt,
          rawBody: '{}',
          updates: [{ trackingNumber: `SIM${String(i).padStart(13, '0')}`, events: [] }],
        }),
      ),
    );
    const ids = entries.map((e) => e!.id);
    const retryAt = new Date('2026-12-01T10:00:02Z');
    const outcomes: RelayOutcome[] = ids.map((id, i) =>
      i % 3 === 0
        ? { id, retry: { attempts: 1, nextAttemptAt: retryAt, error: 'temporal unreachable' } }
        : { id, status: i % 3 === 1 ? 'relayed' : 'unmatched', deliveries: [{ trackingNumber: `SIM${String(i).padStart(13, '0')}`, ...(i % 3 === 1 ? { orderCode: `ORD-${i}` } : {}), state: i % 3 === 1 ? 'delivered' : 'unmatched' }] },
    );
    await inbox.saveOutcomes(outcomes, new Date('2026-12-01T10:00:01Z'));

    const saved = await Promise.all(ids.map((id) => inbox.findById(id)));
    saved.forEach((entry, i) => {
      if (i % 3 === 0) expect(entry).toMatchObject({ status: 'retry', attempts: 1, lastError: 'temporal unreachable' });
      else if (i % 3 === 1) expect(entry).toMatchObject({ status: 'relayed', deliveries: [{ orderCode: `ORD-${i}`, state: 'delivered' }] });
      else expect(entry).toMatchObject({ status: 'unmatched', deliveries: [{ state: 'unmatched' }] });
    });
    expect((await inbox.due('retry', retryAt, 500)).map((e) => e.id).sort()).toEqual(ids.filter((_, i) => i % 3 === 0).sort());
  }, 30_000);

  it("records a stored entry's successful relay as a receipt, leaving the entry itself as it was stored", async () => {
    const inbox = createRelayInbox(connection);
    const receivedAt = new Date();
    const stored = await Promise.all(
      ['relayed', 'unmatched', 'retry'].map((kind) =>
        inbox.insert({ carrierId: 'simulator', dedupeKey: `receipt-${kind}-${receivedAt.getTime()}`, receivedAt, rawBody: '{}', updates: [{ trackingNumber: `SIM-${kind}`, events: [] }] }),
      ),
    );
    const [relayed, unmatched, retried] = stored.map((e) => e!) as [InboxEntry, InboxEntry, InboxEntry];
    expect(relayed.status).toBe('pending');
    const at = new Date(receivedAt.getTime() + 40);
    await inbox.saveOutcomes(
      [
        { id: relayed!.id, ...storedPart(relayed!), status: 'relayed', deliveries: [{ trackingNumber: 'SIM-relayed', orderCode: 'ORD-R', state: 'delivered' }] },
        { id: unmatched!.id, ...storedPart(unmatched!), status: 'unmatched', deliveries: [{ trackingNumber: 'SIM-unmatched', state: 'unmatched' }] },
        { id: retried!.id, ...storedPart(retried!), retry: { attempts: 1, nextAttemptAt: at, error: 'temporal unreachable' } },
      ],
      at,
    );

    expect(await inbox.findById(relayed!.id)).toMatchObject({ status: 'relayed', relayedAt: at.toISOString(), deliveries: [{ trackingNumber: 'SIM-relayed', orderCode: 'ORD-R', state: 'delivered' }] });
    const raw = await connection.collection('webhook_inbox').findOne({ _id: new Types.ObjectId(relayed!.id) });
    expect(raw).toMatchObject({ status: 'stored', lease: relayed!.lease, deliveries: [{ trackingNumber: 'SIM-relayed', state: 'pending' }] });
    expect(await inbox.findById(unmatched!.id)).toMatchObject({ status: 'unmatched' });
    expect(await inbox.findById(retried!.id)).toMatchObject({ status: 'retry', attempts: 1 });
    // A second relay of the same entry (two sweeps raced) keeps the first receipt.
    await inbox.saveOutcomes([{ id: relayed!.id, ...storedPart(relayed!), status: 'relayed', deliveries: [{ trackingNumber: 'SIM-relayed', orderCode: 'ORD-R', state: 'closed' }] }], new Date());
    expect((await inbox.findById(relayed!.id))?.deliveries[0]?.state).toBe('delivered');
    expect(await inbox.unrelayed(relayed!.lease!)).toEqual([]);
  });

  it('lists what a dead process left under its lease (stored, no receipt) and counts entries as callers see them', async () => {
    const isolated = await connectMongo(mongoUriFor(mongoServer.uri, uniqueName('inbox-lease')));
    try {
      const dead = createRelayInbox(isolated);
      const receivedAt = new Date();
      const entries = (await Promise.all(
        Array.from({ length: 4 }, (_, i) => dead.insert({ carrierId: 'simulator', dedupeKey: `lease-${i}`, receivedAt, rawBody: '{}', updates: [{ trackingNumber: `SIM-L${i}`, events: [] }] })),
      )).map((e) => e!);
      const lease = entries[0]!.lease!;
      await dead.saveOutcomes([{ id: entries[0]!.id, ...storedPart(entries[0]!), status: 'relayed', deliveries: [{ trackingNumber: 'SIM-L0', orderCode: 'O', state: 'delivered' }] }], new Date());

      const survivor = createRelayInbox(isolated);
      expect(await survivor.expiredLeases(new Date())).toEqual([]);
      const expired = await survivor.expiredLeases(new Date(Date.now() + LEASE_BUCKET_MS + RELAY_LEASE_MS));
      expect(expired.find((l) => l.key === lease)).toEqual({ key: lease, owner: dead.leaseOwner, own: false });
      // Any other: the next bucket's lease, written ahead when the entries came in the second before it.
      for (const l of expired.filter((l) => l.key !== lease)) expect(await survivor.unrelayed(l.key)).toEqual([]);
      expect((await dead.expiredLeases(new Date(Date.now() + LEASE_BUCKET_MS + RELAY_LEASE_MS)))[0]?.own).toBe(true);
      expect((await survivor.unrelayed(lease)).map((e) => e.id).sort()).toEqual(entries.slice(1).map((e) => e.id).sort());
      expect(await survivor.statusCounts()).toEqual({ total: 4, pending: 3, retry: 0, relayed: 1, unmatched: 0 });
      await survivor.closeLease(lease);
      // What is left: at most the next bucket's lease, written ahead when the entries came in the second
      // before it, with nothing stored under it.
      const left = await survivor.expiredLeases(new Date(Date.now() + 3_600_000));
      expect(left.map((l) => l.key)).not.toContain(lease);
      expect(left.length).toBeLessThanOrEqual(1);
      for (const l of left) expect(await survivor.unrelayed(l.key)).toEqual([]);
    } finally {
      await isolated.close();
    }
  });
});
