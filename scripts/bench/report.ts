/** Plain-text tables and target verdicts for the benchmark summaries. */
import { availableParallelism, loadavg } from 'node:os';

/** Prints rows as aligned columns; the first row is the header. */
export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  rows.forEach((row, i) => {
    console.log(`  ${row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('   ')}`);
    if (i === 0) console.log(`  ${widths.map((w) => '-'.repeat(w)).join('   ')}`);
  });
}

export type Verdict = 'PASS' | 'MISS' | 'n/a';

export function verdict(met: boolean | undefined): Verdict {
  if (met === undefined) return 'n/a';
  return met ? 'PASS' : 'MISS';
}

/** Rates with one decimal below 100/s, whole numbers above. */
export function perSecond(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? `${value.toFixed(0)}/s` : `${value.toFixed(1)}/s`;
}

/** A progress line with the seconds since `startMs`, so long phases show they are alive. */
export function progress(startMs: number, text: string): void {
  console.log(`  [${((performance.now() - startMs) / 1000).toFixed(0).padStart(4)} s] ${text}`);
}

/**
 * The machine's 1-minute load average against its cores. Other processes competing for the same cores
 * (a test suite in another terminal) change every figure, so each report states what it ran beside.
 */
export function machineLoad(): string {
  const [oneMinute] = loadavg();
  const cores = availableParallelism();
  const busy = (oneMinute ?? 0) > cores * 0.5 ? ' (other processes are competing for the cores: figures will vary)' : '';
  return `load average ${(oneMinute ?? 0).toFixed(2)} on ${cores} cores${busy}`;
}
