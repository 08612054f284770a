import { availableParallelism } from 'node:os';

/**
 * The Go runtime setting for the embedded Go servers (the Temporal dev server, FerretDB). On a host with
 * two cores or fewer, shared with the API, the worker and the database, each runs on one processor
 * (GOMAXPROCS=1): a Go program with idle processors keeps threads spinning in search of work, CPU the
 * Node processes are waiting for. Measured with bench:lifecycle on 2 cores: ~0.05–0.1 cores less for the
 * two servers at 50 events/s, and a lower event→visible p99. A GOMAXPROCS the user set is left alone, and
 * on bigger hosts Go's own default (one per core) applies.
 */
export function goServerEnv(env: NodeJS.ProcessEnv = process.env, cores: number = availableParallelism()): { GOMAXPROCS?: string } {
  if (env.GOMAXPROCS !== undefined || cores > 2) return {};
  return { GOMAXPROCS: '1' };
}

/** Starts under way inside withGoServerEnv, and whether the variable they share was set by them. */
let starting = 0;
let setByUs = false;

/**
 * Runs `start` with the Go setting in this process's environment, for a server that a library spawns
 * with the inherited environment (the SDK starts the Temporal dev server itself), then restores it.
 * Overlapping starts (tests start servers side by side) share the variable: it is removed when the last
 * of them ends, not when the first does, while another is still spawning its server.
 */
export async function withGoServerEnv<T>(start: () => Promise<T>): Promise<T> {
  if (starting === 0) {
    const extra = goServerEnv();
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
