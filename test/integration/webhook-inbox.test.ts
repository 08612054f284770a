import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongo } from '../../src/db/connection.js';
import { createWebhookInboxRepository, type RelayOutcome } from '../../src/db/webhook-inbox/repository.js';
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
  it('saves a relay batch larger than one save command and than a connection pool, each outcome on its own entry', async () => {
    const inbox = createWebhookInboxRepository(connection);
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
});
