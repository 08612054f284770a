import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedMongo } from '../../src/embedded/mongo-server.js';
import type { FerretDbBackend } from '../../src/embedded/mongo-server.js';
import { onCleanup } from './cleanup.js';

/** A running mongod given by BENCH_MONGODB_URI (e.g. docker-compose's), loopback only: benchmarks load no other host. */
export async function externalMongo(uri: string): Promise<{ uri: string; description: string; stop(): Promise<void> }> {
  const host = new URL(uri).hostname;
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host)) throw new Error(`BENCH_MONGODB_URI must point at a loopback address, got ${host}`);
  return { uri, description: `external server ${host}`, stop: async () => {} };
}

/**
 * The benchmark's MongoDB-wire server: BENCH_MONGODB_URI when set, else the embedded one in a temporary
 * directory (named after `name`), stopped and removed by `cleanupAll()`.
 */
export async function startBenchMongo(name: string): Promise<{ uri: string; description: string }> {
  const external = process.env.BENCH_MONGODB_URI;
  if (external) return externalMongo(external);
  const tmp = mkdtempSync(join(tmpdir(), `ot-bench-${name}-`));
  // Reachable by the postgres account when an embedded PostgreSQL runs as it (we run as root).
  chmodSync(tmp, 0o711);
  onCleanup('temp dir', async () => rmSync(tmp, { recursive: true, force: true }));
  const server = await startEmbeddedMongo({
    mode: (process.env.EMBEDDED_MONGO as 'auto' | undefined) ?? 'auto',
    ferretdbBackend: (process.env.FERRETDB_BACKEND as FerretDbBackend | undefined) ?? 'auto',
    dataDir: join(tmp, 'mongo'),
    ephemeral: true,
  });
  onCleanup('MongoDB-wire server', () => server.stop());
  return server;
}
