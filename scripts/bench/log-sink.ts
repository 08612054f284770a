/**
 * Where the stack's own warnings go during a benchmark: the first few lines of each source are shown,
 * the rest only counted, so an overloaded run stays readable and the summary can still say how often
 * the database refused work ("database is locked" is FerretDB/SQLite's write-lock contention).
 */
export interface LogTally {
  lines: number;
  locked: number;
}

const tallies = new Map<string, LogTally>();
const SHOWN_PER_SOURCE = 6;
const LOCKED = /database is locked|SQLITE_BUSY/;

/** A line writer for `createLogger` (one JSON line per call) or for a child's output (chunks of lines). */
export function logSink(source: string): (text: string) => void {
  const tally: LogTally = { lines: 0, locked: 0 };
  tallies.set(source, tally);
  return (text) => {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      tally.lines += 1;
      if (LOCKED.test(line)) tally.locked += 1;
      if (tally.lines <= SHOWN_PER_SOURCE) console.log(`  [${source}] ${line.slice(0, 300)}`);
      else if (tally.lines === SHOWN_PER_SOURCE + 1) console.log(`  [${source}] (further log lines are counted, not shown)`);
    }
  };
}

/** "api 12 lines (3 'database is locked'), worker 0 lines". */
export function logSummary(): string {
  return [...tallies].map(([source, t]) => `${source} ${t.lines} log lines${t.locked ? ` (${t.locked} mention "database is locked")` : ''}`).join(', ');
}
