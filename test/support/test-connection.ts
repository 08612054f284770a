import type { Connection } from 'mongoose';
import { afterAll, beforeAll } from 'vitest';
import { connectMongo } from '../../src/db/connection.js';
import { mongoUriFor, startTestMongo, uniqueName, type TestMongo } from './servers.js';

/**
 * A connection to a database of its own on the run's MongoDB wire server, for a test file that needs the
 * database and nothing else: opened before its tests, closed after. Returns a getter (the connection
 * exists only once `beforeAll` ran).
 */
export function useTestConnection(prefix: string): () => Connection {
  let mongoServer: TestMongo | undefined;
  let connection: Connection | undefined;
  beforeAll(async () => {
    mongoServer = await startTestMongo();
    connection = await connectMongo(mongoUriFor(mongoServer.uri, uniqueName(prefix)));
  });
  afterAll(async () => {
    await connection?.close();
    await mongoServer?.stop();
  });
  return () => {
    if (!connection) throw new Error('the test connection is opened in beforeAll');
    return connection;
  };
}
