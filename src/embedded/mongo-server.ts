import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startChildServer } from './child-server.js';
import { freePort } from './free-port.js';
import { findTool, requireTool } from './tool-paths.js';

/** A MongoDB-wire server this process owns. */
export interface EmbeddedMongo {
  uri: string;
  kind: 'mongodb-memory-server' | 'ferretdb';
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions {
  /** `auto`: a real mongod when one is available locally, else FerretDB, else mongodb-memory-server's download. */
  mode: 'auto' | 'mongodb-memory-server' | 'ferretdb';
  /** Base directory to persist into; each server kind gets its own subfolder (their files differ). */
  dataDir: string;
  port?: number;
  ferretdbPath?: string;
}

/** Whether mongodb-memory-server can start without downloading (system binary or earlier download). */
function hasLocalMongod(): boolean {
  if (process.env.MONGOMS_SYSTEM_BINARY) return true;
  const cache = join(homedir(), '.cache', 'mongodb-binaries');
  return existsSync(cache) && readdirSync(cache).length > 0;
}

async function startMongoMemoryServer(dataDir: string, port: number): Promise<EmbeddedMongo> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create({
    instance: { dbPath: dataDir, port, ip: '127.0.0.1', storageEngine: 'wiredTiger' },
  });
  return {
    uri: server.getUri(),
    kind: 'mongodb-memory-server',
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}

async function startFerretDb(binary: string, dataDir: string, port: number): Promise<EmbeddedMongo> {
  const child = await startChildServer(
    binary,
    ['--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, '--log-level', 'error'],
    /ferretdb-server ready/,
    { name: 'ferretdb-server' },
  );
  return { uri: `mongodb://127.0.0.1:${port}/`, kind: 'ferretdb', stop: child.stop };
}

/** Starts the embedded MongoDB-wire server chosen by `mode`. */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const port = options.port ?? (await freePort());
  const dir = (kind: EmbeddedMongo['kind']) => {
    const path = join(options.dataDir, kind);
    mkdirSync(path, { recursive: true });
    return path;
  };
  if (options.mode === 'ferretdb') {
    return startFerretDb(requireTool('ferretdb-server', options.ferretdbPath), dir('ferretdb'), port);
  }
  if (options.mode === 'mongodb-memory-server' || hasLocalMongod()) {
    return startMongoMemoryServer(dir('mongodb-memory-server'), port);
  }
  const ferret = findTool('ferretdb-server', options.ferretdbPath);
  if (ferret) return startFerretDb(ferret, dir('ferretdb'), port);
  // No local server of either kind: let mongodb-memory-server download a real mongod (needs internet).
  return startMongoMemoryServer(dir('mongodb-memory-server'), port);
}
