import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startChildServer } from './child-server.js';
import { goServerEnv } from './go-runtime.js';
import { freePort } from './free-port.js';
import { findPostgresBinDir, startEmbeddedPostgres } from './postgres-server.js';
import { findTool, INSTALL_SCRIPT, projectRoot, requireTool } from './tool-paths.js';

/** A MongoDB-wire server this process owns. */
export interface EmbeddedMongo {
  uri: string;
  kind: 'mongodb-memory-server' | 'ferretdb';
  /** What runs, for logs and reports: "mongod (mongodb-memory-server)", "FerretDB on PostgreSQL", … */
  description: string;
  stop(): Promise<void>;
}

/** FerretDB's storage: `auto` takes PostgreSQL when this machine has its server programs, else SQLite. */
export type FerretDbBackend = 'auto' | 'postgresql' | 'sqlite';

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
  ferretdbBackend?: FerretDbBackend;
  /** Directory of PostgreSQL's `postgres` and `initdb` (default: the distribution's packages, then PATH). */
  postgresBinDir?: string;
  /** A throw-away server (tests, benchmarks): skips initdb's fsync of template files. */
  ephemeral?: boolean;
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

/** mongodb-memory-server's own report of a failed start: a console warning with the error's whole stack. */
const MEMORY_SERVER_FAILURE_WARNING = 'Starting the MongoMemoryServer Instance failed';

/**
 * One line for a failed mongod start: a DownloadError's message is a URL then its cause on the next line
 * ("Download failed for url …, Details:\ngetaddrinfo ENOTFOUND fastdl.mongodb.org"); the cause says more.
 */
export function mongodFailureReason(err: unknown): string {
  const lines = String(err instanceof Error ? err.message : err).split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length > 1 && /^Download failed for url .*Details:$/.test(lines[0]!)) return `download failed: ${lines[1]}`;
  return lines[0] ?? 'unknown error';
}

async function startMongoMemoryServer(dataDir: string, requestedPort: number | undefined): Promise<EmbeddedMongo> {
  const port = requestedPort ?? (await freePort());
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  // The library prints a failed start (a 25-line DownloadError stack where mongod cannot be downloaded)
  // before it throws; the caller reports the failure in one line with what to do instead.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(MEMORY_SERVER_FAILURE_WARNING)) return;
    warn(...args);
  };
  let server;
  try {
    server = await MongoMemoryServer.create({
      instance: { dbPath: dataDir, port, ip: '127.0.0.1', storageEngine: 'wiredTiger' },
    });
  } finally {
    console.warn = warn;
  }
  return {
    uri: server.getUri(),
    kind: 'mongodb-memory-server',
    description: 'mongod (mongodb-memory-server)',
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}

/** The ferretdb-server process on `port`, storing where `storage` says (`--data-dir …` or `--postgresql-url …`). */
function startFerretDbProcess(binary: string, port: number, storage: string[]) {
  return startChildServer(binary, ['--listen', `127.0.0.1:${port}`, ...storage, '--log-level', 'error'], /ferretdb-server ready/, { name: 'ferretdb-server', env: goServerEnv('ferretdb') });
}

/**
 * Starts FerretDB on `port`, or on a free port when none was asked for. A free port is only free when it was
 * probed: another process (a parallel test file's server) can take it before FerretDB binds it, so an
 * auto-chosen port that turns out taken is replaced, a few times, instead of failing the start.
 */
async function startFerretDbOnSomePort(binary: string, port: number | undefined, storage: string[]) {
  for (let attempt = 1; ; attempt++) {
    const chosen = port ?? (await freePort());
    try {
      return { port: chosen, child: await startFerretDbProcess(binary, chosen, storage) };
    } catch (err) {
      if (port !== undefined || attempt >= 4 || !/address already in use/.test(String((err as Error).message))) throw err;
    }
  }
}

async function startFerretDbOnSqlite(binary: string, dataDir: string, requestedPort: number | undefined): Promise<EmbeddedMongo> {
  const { port, child } = await startFerretDbOnSomePort(binary, requestedPort, ['--data-dir', dataDir]);
  return { uri: `mongodb://127.0.0.1:${port}/`, kind: 'ferretdb', description: 'FerretDB on SQLite', stop: child.stop };
}

async function startFerretDbOnPostgres(binary: string, binDir: string, dataDir: string, requestedPort: number | undefined, ephemeral: boolean): Promise<EmbeddedMongo> {
  const postgres = await startEmbeddedPostgres({ binDir, dataDir, port: await freePort(), ephemeral });
  const { port, child } = await startFerretDbOnSomePort(binary, requestedPort, ['--postgresql-url', postgres.url]).catch(async (err: unknown) => {
    await postgres.stop();
    throw err;
  });
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    kind: 'ferretdb',
    description: `FerretDB on PostgreSQL (${binDir})`,
    stop: async () => {
      await child.stop();
      await postgres.stop();
    },
  };
}

/**
 * FerretDB on PostgreSQL where its server programs exist (concurrent writers, filters evaluated by
 * PostgreSQL through indexes), else on SQLite (no other server needed). A data directory that already
 * holds SQLite data keeps SQLite, so switching machines' defaults never hides earlier dev data.
 */
function startFerretDb(binary: string, baseDir: string, port: number | undefined, options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const backend = options.ferretdbBackend ?? 'auto';
  const sqliteDir = join(baseDir, 'ferretdb');
  const postgresDir = join(baseDir, 'ferretdb-postgresql');
  const binDir = backend === 'sqlite' ? undefined : findPostgresBinDir(options.postgresBinDir);
  if (backend === 'postgresql' && !binDir) {
    throw new Error(`FERRETDB_BACKEND=postgresql but no PostgreSQL server programs (postgres, initdb) were found${options.postgresBinDir ? ` in ${options.postgresBinDir}` : ''}.`);
  }
  const sqliteHasData = existsSync(sqliteDir) && readdirSync(sqliteDir).length > 0;
  if (binDir && (backend === 'postgresql' || existsSync(postgresDir) || !sqliteHasData)) {
    return startFerretDbOnPostgres(binary, binDir, postgresDir, port, options.ephemeral ?? false);
  }
  mkdirSync(sqliteDir, { recursive: true });
  return startFerretDbOnSqlite(binary, sqliteDir, port);
}

/** Starts the embedded MongoDB-wire server chosen by `mode`. */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const port = options.port;
  const memoryServerDir = () => {
    const path = join(options.dataDir, 'mongodb-memory-server');
    mkdirSync(path, { recursive: true });
    return path;
  };
  if (options.mode === 'ferretdb') {
    return startFerretDb(requireTool('ferretdb-server', options.ferretdbPath), options.dataDir, port, options);
  }
  if (options.mode === 'mongodb-memory-server' || hasLocalMongod()) {
    return startMongoMemoryServer(memoryServerDir(), port).catch((err: unknown) => {
      throw new Error(`mongod could not be started (${mongodFailureReason(err)}); set MONGOMS_SYSTEM_BINARY to a local mongod, or use FerretDB (EMBEDDED_MONGO=ferretdb)`, { cause: err });
    });
  }
  const ferret = findTool('ferretdb-server', options.ferretdbPath);
  if (ferret && downloadKnownToFail()) return startFerretDb(ferret, options.dataDir, port, options);
  try {
    // The embedded default: a real mongod, downloaded once by mongodb-memory-server where that is possible.
    return await startMongoMemoryServer(memoryServerDir(), port);
  } catch (err) {
    const reason = mongodFailureReason(err);
    if (!ferret) {
      throw new Error(
        `no MongoDB-wire server: mongod could not be started (${reason}) and FerretDB is not installed; run ${INSTALL_SCRIPT}, or set MONGOMS_SYSTEM_BINARY to a local mongod, or MONGODB_URI to a running server`,
        { cause: err },
      );
    }
    rememberDownloadFailure(reason);
    console.warn(`[mongo] mongod could not be started (${reason}); using FerretDB instead for 24 h (set MONGOMS_SYSTEM_BINARY to a local mongod to use it)`);
    return startFerretDb(ferret, options.dataDir, port, options);
  }
}
