/** bench:tracking's load runs and its summary: figures beside the same run's baselines, and the verdicts. */
import { cpuShare, cpuSnapshot } from './cpu.js';
import { ms, ratio, short, summarize } from './latency.js';
import { runOpenLoop, type OpenLoopResult } from './open-loop.js';
import { perSecond, printTable, progress, verdict } from './report.js';
import type { LiveResult } from './tracking-live.js';

const TARGET_P99_MS = 25;
const TARGET_LIVE_P99_MS = 2_000;

/** One open-loop run against one target. */
export interface LoadPhase {
  label: string;
  result: OpenLoopResult;
  /** Mean answer body size (bytes), successful answers. */
  meanBytes: number;
  cpu: string;
}

export async function runLoadPhase(
  label: string,
  plan: { rate: number; warmupMs: number; durationMs: number; maxInFlight: number },
  send: (i: number) => Promise<{ status: string; bytes: number }>,
  names: Record<number, string>,
): Promise<LoadPhase> {
  let bytes = 0;
  let answers = 0;
  const start = performance.now();
  let cpu = { at: start, snapshot: cpuSnapshot(names) };
  const marker = setTimeout(() => (cpu = { at: performance.now(), snapshot: cpuSnapshot(names) }), plan.warmupMs);
  const result = await runOpenLoop(
    {
      ...plan,
      ok: '200',
      send: async (i) => {
        const answer = await send(i);
        if (answer.status === '200') {
          bytes += answer.bytes;
          answers += 1;
        }
        return answer.status;
      },
    },
    (text) => progress(start, text),
  );
  clearTimeout(marker);
  return { label, result, meanBytes: answers ? bytes / answers : 0, cpu: cpuShare(cpu.snapshot, cpuSnapshot(names), performance.now() - cpu.at) };
}

const achieved = (p: LoadPhase) => p.result.okInWindow / (p.result.windowMs / 1000);
const notOk = (p: LoadPhase) => Object.entries(p.result.outcomes).filter(([k]) => k !== '200');

/** Prints the table and the verdicts; returns true when the run had errors (failed answers, missed updates). */
export function printTrackingSummary(f: { phases: LoadPhase[]; live: LiveResult | undefined; rate: number; orders: number; mongoKind: string; livePollMs: number }): boolean {
  let errors = false;
  if (f.phases.length > 0) {
    console.log(`\nSummary: open loop at ${f.rate}/s, ${f.orders.toLocaleString('en')} orders, ${f.mongoKind}`);
    const bare = f.phases.find((p) => p.label.startsWith('bare Hono'));
    const bareP99 = bare ? summarize(bare.result.latencies).p99 : Number.NaN;
    const rows = [['run', 'ok/s', 'p50', 'p90', 'p99', 'max', 'p99 / bare Hono', 'waited for a connection', 'not 200', 'body']];
    for (const p of f.phases) {
      const s = summarize(p.result.latencies);
      const bad = notOk(p);
      rows.push([p.label, perSecond(achieved(p)), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max), ratio(s.p99, bareP99), `${p.result.queued}${p.result.unsent ? ` (${p.result.unsent} unsent)` : ''}`, bad.length ? bad.map(([k, n]) => `${n}× ${k}`).join(', ') : '0', p.meanBytes ? `${(p.meanBytes / 1024).toFixed(1)} KiB` : '']);
    }
    printTable(rows);
    for (const p of f.phases) console.log(`  CPU (cores) ${p.label}: ${p.cpu}`);
    for (const p of f.phases.filter((x) => !x.label.startsWith('bare'))) {
      const s = summarize(p.result.latencies);
      const rateMet = achieved(p) >= f.rate * 0.95;
      console.log(`  target p99 < ${TARGET_P99_MS} ms at ${f.rate}/s, ${p.label}: ${verdict(f.rate >= 1000 ? rateMet && s.p99 < TARGET_P99_MS : undefined)} (${perSecond(achieved(p))} achieved, p99 ${ms(s.p99)})`);
      const answers = Object.values(p.result.outcomes).reduce((a, b) => a + b, 0);
      if (notOk(p).reduce((n, [, c]) => n + c, 0) > answers * 0.01) errors = true;
    }
  }
  if (f.live) {
    const s = summarize(f.live.latencies);
    console.log(`\nLive updates: ${f.live.viewers} SSE viewers on ${f.live.orders} orders (streams opened in ${(f.live.openMs / 1000).toFixed(1)} s), ${f.live.changes} status changes; poll interval ${f.livePollMs} ms`);
    console.log(`  status applied (write done) → update received by each viewer: p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (n=${s.count}, missed ${f.live.missed})`);
    console.log(`  from the start of the write: ${short(summarize(f.live.fromWriteStart))}`);
    console.log(`  the projection write itself (orders, shipments, events, audit, tracking view, report contribution): ${short(summarize(f.live.writeMs))}`);
    console.log(`  target live p99 < ${TARGET_LIVE_P99_MS / 1000} s with 1,000 viewers: ${verdict(f.live.viewers >= 1000 ? s.p99 < TARGET_LIVE_P99_MS && f.live.missed === 0 : undefined)}`);
    if (f.live.missed > 0) errors = true;
  }
  return errors;
}
