import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of this process and each of its children (Temporal dev server, MongoDB-wire server, worker),
 * from /proc, so a report can say which process used the 2 cores during a phase.
 */
export type CpuSnapshot = Map<number, { name: string; seconds: number }>;

/** Kernel clock ticks per second (USER_HZ); 100 on Linux builds this runs on. */
const TICKS = 100;

function readStat(pid: number): { ppid: number; comm: string; seconds: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // After "pid (comm)": state ppid … utime is field 14 and stime 15 of the full line (11 and 12 here, 0-based).
    return { ppid: Number(fields[1]), comm: stat.slice(stat.indexOf('(') + 1, close), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS };
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

export function cpuSnapshot(names: Record<number, string> = {}): CpuSnapshot {
  const out: CpuSnapshot = new Map();
  const self = readStat(process.pid);
  if (self) out.set(process.pid, { name: names[process.pid] ?? 'bench (API + load thread)', seconds: self.seconds });
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === process.pid) out.set(Number(entry), { name: names[Number(entry)] ?? stat.comm, seconds: stat.seconds });
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
