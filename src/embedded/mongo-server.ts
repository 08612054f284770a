import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startChildServer } from './child-server.js';
import { freePort } from './free-port.js';
import { findTool, projectRoot, requireTool } from './tool-paths.js';

/** A MongoDB-wire server this process owns. */
export interface EmbeddedMongo {
  uri: string;
  kind: 'mongodb-memory-server' | 'ferretdb';
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions {
  /**
   * `auto`: a real mongod through mongodb-memory-server (a local binary, or its download on machines that
   * can), else the FerretDB server the install script put in place.
   */
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
  // mongodb-memory-server keeps downloaded binaries there as `mongod-<arch>-<os>-<version>`.
  return existsSync(cache) && readdirSync(cache).some((name) => name.startsWith('mongod'));
}

/** Remembers (for a day) that mongod cannot be downloaded here, so later starts go straight to FerretDB. */
const DOWNLOAD_FAILED_MARKER = () => join(projectRoot(), '.tools', 'mongod-download-failed');
const MARKER_TTL_MS = 24 * 3_600_000;

function downloadKnownToFail(): boolean {
  const marker = DOWNLOAD_FAILED_MARKER();
  return existsSync(marker) && Date.now() - statSync(marker).mtimeMs < MARKER_TTL_MS;
}

function rememberDownloadFailure(reason: string): void {
  mkdirSync(join(projectRoot(), '.tools'), { recursive: true });
  writeFileSync(DOWNLOAD_FAILED_MARKER(), `${new Date().toISOString()} ${reason}\n`);
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
  if (ferret && downloadKnownToFail()) return startFerretDb(ferret, dir('ferretdb'), port);
  try {
    // The embedded default: a real mongod, downloaded once by mongodb-memory-server where that is possible.
    return await startMongoMemoryServer(dir('mongodb-memory-server'), port);
  } catch (err) {
    if (!ferret) throw err;
    rememberDownloadFailure((err as Error).message.split('\n')[0] ?? 'download failed');
    return startFerretDb(ferret, dir('ferretdb'), port);
  }
}
