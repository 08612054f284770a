import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongo } from '../../../src/db/connection.js';
import { CONTRIBUTIONS } from '../../../src/db/report-rollups/repository.js';
import { createRollupFeed } from '../../../src/db/report-rollups/rollup-feed.js';
import { mongoUriFor, startTestMongo, uniqueName } from '../../support/servers.js';

let connection: Connection;
/** The contribution keys of every insert sent to the contributions collection, in order. */
const sent: string[][] = [];

beforeAll(async () => {
  const server = await startTestMongo();
  // The driver reports each command: the test sees what a write asked the store to insert.
  const url = new URL(mongoUriFor(server.uri, uniqueName('rollup-feed')));
  url.searchParams.set('monitorCommands', 'true');
  connection = await connectMongo(url.toString());
  connection.getClient().on('commandStarted', (event) => {
    if (event.commandName === 'insert' && event.command.insert === CONTRIBUTIONS) {
      sent.push((event.command.documents as { _id: string }[]).map((d) => d._id));
    }
  });
});

afterAll(async () => {
  await connection?.close();
});

const placedAt = new Date(Date.UTC(2026, 11, 1, 10));
const projection = (orderCode: string, revision: number) => ({ orderCode, revision, status: 'in_transit' });

async function storedKeys(orderCode: string): Promise<string[]> {
  const docs = await connection.db!.collection(CONTRIBUTIONS).find({ o: orderCode }).toArray();
  return docs.map((d) => String(d._id)).sort();
}

describe('rollup feed (real MongoDB wire server)', () => {
  it('contributes an order’s placed fact with its first projection only, once per process', async () => {
    // An order whose intake stored no `placed` contribution (it died in between).
    await connection.db!.collection('orders').insertOne({ code: 'RF-1', carrierId: 'ups', placedAt, shippingAddress: { country: 'DE' } });
    const feed = createRollupFeed(connection);
    sent.length = 0;

    await feed.projected(projection('RF-1', 1));
    await feed.projected(projection('RF-1', 2));
    await feed.projected(projection('RF-1', 3));

    expect(await storedKeys('RF-1')).toEqual(['p:RF-1', 's:RF-1:1', 's:RF-1:2', 's:RF-1:3']);
    // The later projections no longer send the fact the store already holds (it refused each as a duplicate).
    expect(sent).toEqual([['p:RF-1', 's:RF-1:1'], ['s:RF-1:2'], ['s:RF-1:3']]);

    // Another process (a fresh feed) knows nothing yet: it sends the fact once, which adds nothing.
    sent.length = 0;
    await createRollupFeed(connection).projected(projection('RF-1', 4));
    expect(sent).toEqual([['p:RF-1', 's:RF-1:4']]);
    expect(await storedKeys('RF-1')).toEqual(['p:RF-1', 's:RF-1:1', 's:RF-1:2', 's:RF-1:3', 's:RF-1:4']);
  });
});
