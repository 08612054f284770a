import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of this process and of each of its children (Temporal dev server, MongoDB-wire server,
 * PostgreSQL, worker), each child counted with all its descendants (PostgreSQL serves every connection
 * from a process of its own), from /proc, so a report can say which process used the 2 cores in a phase.
 */
export type CpuSnapshot = Map<number, { name: string; seconds: number }>;

/** Kernel clock ticks per second (USER_HZ); 100 on Linux builds this runs on. */
const TICKS = 100;

interface ProcStat {
  ppid: number;
  comm: string;
  /** Its own user + system time, plus that of descendants that ended and were waited for. */
  seconds: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // After "pid (comm)": state ppid … utime, stime, cutime, cstime are fields 14-17 of the full line
    // (11-14 here, 0-based).
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return { ppid: Number(fields[1]), comm: stat.slice(stat.indexOf('(') + 1, close), seconds: ticks / TICKS };
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

export function cpuSnapshot(names: Record<number, string> = {}): CpuSnapshot {
  const all = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) all.set(Number(entry), stat);
  }
  /** The direct child of this process that `pid` descends from, if any. */
  const topChild = (pid: number): number | undefined => {
    for (let p = pid, hops = 0; hops < 64; hops += 1) {
      const parent = all.get(p)?.ppid;
      if (parent === undefined || parent <= 1) return undefined;
      if (parent === process.pid) return p;
      p = parent;
    }
    return undefined;
  };
  const out: CpuSnapshot = new Map();
  const self = all.get(process.pid);
  if (self) out.set(process.pid, { name: names[process.pid] ?? 'bench (API + load thread)', seconds: self.seconds });
  for (const [pid, stat] of all) {
    const top = topChild(pid);
    if (top === undefined) continue;
    const row = out.get(top) ?? { name: names[top] ?? all.get(top)!.comm, seconds: 0 };
    row.seconds += stat.seconds;
    out.set(top, row);
  }
  return out;
}

/** "ferretdb-server 1.2 cores, …" between two snapshots taken `wallMs` apart, busiest first. */
export function cpuShare(before: CpuSnapshot, after: CpuSnapshot, wallMs: number): string {
  const rows: [string, number][] = [];
  for (const [pid, end] of after) {
    const used = end.seconds - (before.get(pid)?.seconds ?? 0);
    rows.push([end.name, used / (wallMs / 1000)]);
  }
  return rows
    .filter(([, cores]) => cores >= 0.005) // helpers such as tsx's esbuild service sit idle
    .sort((a, b) => b[1] - a[1])
    .map(([name, cores]) => `${name} ${cores.toFixed(2)}`)
    .join(', ');
}

/** CPU seconds each process used between two snapshots, busiest first (helpers that sat idle left out). */
export function cpuSeconds(before: CpuSnapshot, after: CpuSnapshot): { name: string; seconds: number }[] {
  return [...after]
    .map(([pid, end]) => ({ name: end.name, seconds: end.seconds - (before.get(pid)?.seconds ?? 0) }))
    .filter((row) => row.seconds >= 0.01)
    .sort((a, b) => b.seconds - a.seconds);
}

/** Cores used by every process of a snapshot (this one and all its children) between two snapshots. */
export function totalCores(before: CpuSnapshot, after: CpuSnapshot, wallMs: number): number {
  let used = 0;
  for (const [pid, end] of after) used += end.seconds - (before.get(pid)?.seconds ?? 0);
  return used / (wallMs / 1000);
}

/**
 * Waits, one second at a time, until the whole stack uses fewer than `maxCores` (the work a burst left
 * behind is done: server-side tasks, projections, index statistics), or until `timeoutMs`. A load started
 * earlier measures how fast that backlog drains, not the steady state. Returns the last second's reading.
 */
export async function waitForQuiet(names: Record<number, string>, maxCores: number, timeoutMs: number): Promise<{ cores: number; waitedMs: number }> {
  const start = performance.now();
  for (;;) {
    const before = cpuSnapshot(names);
    const t = performance.now();
    await new Promise((r) => setTimeout(r, 1_000));
    const cores = totalCores(before, cpuSnapshot(names), performance.now() - t);
    const waitedMs = performance.now() - start;
    if (cores < maxCores || waitedMs >= timeoutMs) return { cores, waitedMs };
  }
}
