import { availableParallelism } from 'node:os';

/** The embedded Go servers, whose processor settings differ. */
export type GoServer = 'temporal' | 'ferretdb';

/**
 * The Go runtime setting for an embedded Go server. On a host with two cores or fewer, shared with the
 * API, the worker and the database, the Temporal dev server runs on one processor (GOMAXPROCS=1): a Go
 * program with idle processors keeps threads spinning in search of work, CPU the Node processes are
 * waiting for (bench:lifecycle on 2 cores: ~0.05–0.1 cores less at 50 events/s, and a lower p99).
 *
 * FerretDB keeps Go's default (a processor per core): every webhook's answer waits for its inbox insert,
 * and with one processor that insert queued behind the relay's order look-ups and receipts in FerretDB's
 * single scheduler. Measured with bench:webhooks at 500/s on 2 cores (open loop, 60 s, 1,000 shipments):
 * answer p90 29–30 → 20 ms and p99 48–53 → 35 ms, for ~0.07 cores more of FerretDB's.
 *
 * A GOMAXPROCS the user set is left alone, and on bigger hosts Go's own default applies to both.
 */
export function goServerEnv(server: GoServer, env: NodeJS.ProcessEnv = process.env, cores: number = availableParallelism()): { GOMAXPROCS?: string } {
  if (server !== 'temporal' || env.GOMAXPROCS !== undefined || cores > 2) return {};
  return { GOMAXPROCS: '1' };
}

/** Starts under way inside withGoServerEnv, and whether the variable they share was set by them. */
let starting = 0;
let setByUs = false;

/**
 * Runs `start` with the Temporal dev server's Go setting in this process's environment (the SDK spawns
 * that server itself, with the inherited environment), then restores it.
 * Overlapping starts (tests start servers side by side) share the variable: it is removed when the last
 * of them ends, not when the first does, while another is still spawning its server.
 */
export async function withGoServerEnv<T>(start: () => Promise<T>): Promise<T> {
  if (starting === 0) {
    const extra = goServerEnv('temporal');
    setByUs = extra.GOMAXPROCS !== undefined;
    if (setByUs) process.env.GOMAXPROCS = extra.GOMAXPROCS;
  }
  starting += 1;
  try {
    return await start();
  } finally {
    starting -= 1;
    if (starting === 0 && setByUs) {
      delete process.env.GOMAXPROCS;
      setByUs = false;
    }
  }
}
