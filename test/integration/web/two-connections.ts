import type { Connection } from 'mongoose';
import { afterAll, beforeAll } from 'vitest';
import { connectMongo } from '../../../src/db/connection.js';
import { mongoUriFor, startTestMongo, uniqueName, type TestMongo } from '../../support/servers.js';

/**
 * Two connections to one database of the run's MongoDB-wire server: what two API processes share. Opened
 * before the file's tests, closed after.
 */
export function useTwoConnections(prefix: string): () => [Connection, Connection] {
  let server: TestMongo | undefined;
  let pair: [Connection, Connection] | undefined;
  beforeAll(async () => {
    server = await startTestMongo();
    const uri = mongoUriFor(server.uri, uniqueName(prefix));
    pair = [await connectMongo(uri), await connectMongo(uri)];
  });
  afterAll(async () => {
    await Promise.all(pair?.map((c) => c.close()) ?? []);
    await server?.stop();
  });
  return () => {
    if (!pair) throw new Error('the connections are opened in beforeAll');
    return pair;
  };
}
