import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startChildServer } from './child-server.js';

const run = promisify(execFile);

/** A private PostgreSQL cluster this process started: FerretDB's storage where no mongod can be had. */
export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: trust authentication, loopback only. */
  url: string;
  stop(): Promise<void>;
}

const hasServer = (dir: string) => existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'initdb'));

/** Debian/Ubuntu (`/usr/lib/postgresql/<major>/bin`) and RHEL (`/usr/pgsql-<major>/bin`) layouts, newest first. */
function packagedBinDirs(): string[] {
  const found: { major: number; dir: string }[] = [];
  const scan = (parent: string, pattern: RegExp, binOf: (name: string) => string) => {
    if (!existsSync(parent)) return;
    for (const name of readdirSync(parent)) {
      const m = pattern.exec(name);
      if (m) found.push({ major: Number(m[1]), dir: binOf(name) });
    }
  };
  scan('/usr/lib/postgresql', /^(\d+)$/, (n) => join('/usr/lib/postgresql', n, 'bin'));
  scan('/usr', /^pgsql-(\d+)$/, (n) => join('/usr', n, 'bin'));
  return found.sort((a, b) => b.major - a.major).map((f) => f.dir);
}

/**
 * Where PostgreSQL's server programs (`postgres`, `initdb`) are: an explicit directory, else the
 * distribution's packages, else PATH. Undefined when this machine has no PostgreSQL server.
 */
export function findPostgresBinDir(explicitDir?: string): string | undefined {
  if (explicitDir) return hasServer(explicitDir) ? resolve(explicitDir) : undefined;
  const candidates = [...packagedBinDirs(), ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)];
  return candidates.find(hasServer);
}

/**
 * PostgreSQL will not run as root. As root (CI, containers) the cluster runs as the `postgres` account
 * that the distribution's package creates; otherwise as the current user.
 */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) throw new Error('PostgreSQL cannot run as root and this machine has no `postgres` account to run it as.');
  return { uid: Number(uid), gid: Number(gid) };
}

/** The account must be able to reach the data directory: every parent needs the search (x) bit for others. */
function assertReachable(dir: string): void {
  for (let d = dirname(dir); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new Error(`PostgreSQL runs as the postgres account and cannot enter ${d} (mode ${(statSync(d).mode & 0o777).toString(8)}); chmod o+x it or choose another DATA_DIR.`);
    }
    if (dirname(d) === d) return;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A server left running on this directory by a process that was killed (its children outlive it) holds
 * the directory's lock: ask it to shut down fast, and wait for it, so the new start does not fail.
 */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 1 || !alive(pid)) return;
  // Only our own server: after a reboot the file's pid may belong to anything.
  const cmdline = (() => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      return [];
    }
  })();
  if (!cmdline[0]?.endsWith('postgres') || !cmdline.includes(dataDir)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && alive(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
}

export interface EmbeddedPostgresOptions {
  binDir: string;
  /** The cluster's directory; created (initdb) on first use, reused afterwards. */
  dataDir: string;
  port: number;
  /**
   * Throw-away clusters (tests, benchmarks) skip initdb's fsync of the template files. Commits are still
   * fsynced: what is measured and tested is the durability production gets.
   */
  ephemeral?: boolean;
}

/** Starts (creating on first use) a PostgreSQL cluster listening on 127.0.0.1 only. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const account = serverAccount();
  const as = account ? { uid: account.uid, gid: account.gid } : {};
  // Parents with the usual mode, the cluster's own directory private (initdb insists on 0700 or 0750).
  mkdirSync(dirname(options.dataDir), { recursive: true });
  if (!existsSync(options.dataDir)) mkdirSync(options.dataDir, { mode: 0o700 });
  if (account) {
    assertReachable(options.dataDir);
    chownSync(options.dataDir, account.uid, account.gid);
  }
  await stopOrphan(options.dataDir);
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    const args = ['-D', options.dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'];
    await run(join(options.binDir, 'initdb'), options.ephemeral ? [...args, '--no-sync'] : args, { ...as, env: { ...process.env, LC_ALL: 'C' } });
  }
  const server = await startChildServer(
    join(options.binDir, 'postgres'),
    [
      '-D', options.dataDir,
      '-p', String(options.port),
      '-c', 'listen_addresses=127.0.0.1',
      // TCP only: no socket file to place, and nothing outside this process tree connects.
      '-c', 'unix_socket_directories=',
      // FerretDB's pool takes all of these (tools/ferretdb-server/main.go says why: a pool smaller than the
      // operations its clients can have in flight can deadlock it). 600 covers six processes with the
      // MongoDB driver's default pool of 100; a connection costs PostgreSQL memory only once opened.
      '-c', 'max_connections=600',
      '-c', 'shared_buffers=128MB',
      // Statistics from 3,000 sampled rows instead of 30,000. FerretDB's tables hold whole documents in one
      // jsonb column, and autovacuum's ANALYZE of them is CPU-bound: 300 ms per 35,000 webhook inbox
      // entries at the default, 43 ms at 10. It runs again after every 10% of growth; after a burst it took
      // most of a core for seconds, and the webhook answers' p99 in bench:webhooks doubled meanwhile.
      // FerretDB 1.x pushes only equalities down to PostgreSQL, which ten values per histogram plan as well.
      '-c', 'default_statistics_target=10',
    ],
    /database system is ready to accept connections/,
    { name: 'postgres', stopSignal: 'SIGINT', ...as },
  );
  return { url: `postgres://postgres@127.0.0.1:${options.port}/postgres`, stop: server.stop };
}
