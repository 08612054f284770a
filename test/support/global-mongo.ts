import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedMongo, type FerretDbBackend } from '../../src/embedded/mongo-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's MongoDB-wire server (absent when TEST_MONGODB_URI names one). */
    testMongo: { uri: string; description: string } | undefined;
  }
}

/**
 * Vitest global setup: one embedded MongoDB-wire server for the whole run (every test file uses its own
 * database on it), so no file pays a server start — a PostgreSQL cluster's initdb takes seconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_MONGODB_URI) {
    project.provide('testMongo', undefined);
    return async () => {};
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ot-test-mongo-'));
  // Reachable by the postgres account when PostgreSQL has to run as it (tests run as root in CI).
  chmodSync(dataDir, 0o711);
  const server = await startEmbeddedMongo({
    mode: (process.env.TEST_EMBEDDED_MONGO as 'auto' | 'ferretdb' | 'mongodb-memory-server' | undefined) ?? 'auto',
    ferretdbBackend: (process.env.TEST_FERRETDB_BACKEND as FerretDbBackend | undefined) ?? 'auto',
    dataDir,
    ephemeral: true,
  });
  console.log(`[test] MongoDB-wire server for this run: ${server.description} at ${server.uri}`);
  project.provide('testMongo', { uri: server.uri, description: server.description });
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
