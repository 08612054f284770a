import type { InboxCounts } from './inbox.js';
import { ms, ratio, summarize, type LatencySummary } from './latency.js';
import { perSecond, printTable, verdict } from './report.js';
import type { WebhookLoadResult } from './webhook-load-thread.js';

const TARGET_ACCEPTED_PER_S = 500;
const TARGET_P99_MS = 50;

/** One load run: which server, which loop, what it measured and the CPU each process used meanwhile. */
export interface WebhookRun {
  target: 'bare' | 'api';
  mode: 'closed' | 'open';
  label: string;
  result: WebhookLoadResult;
  cpu: string;
  /** Event-loop delay of the serving process during the run (perf_hooks, sampled every 5 ms). */
  eventLoopDelayMs: { p99: number; max: number };
  /** API runs: stored webhooks the relay had still to signal when the load stopped, after `seconds` of load. */
  relayBacklogAtEnd?: { webhooks: number; seconds: number };
}

export interface WebhookFigures {
  runs: WebhookRun[];
  inbox: InboxCounts;
  relay: { afterClosed: InboxCounts & { waitedMs: number }; afterOpen: InboxCounts & { waitedMs: number } };
  targetRate: number;
  mongoKind: string;
  match: string;
  withWorker: boolean;
}

const accepted = (run: WebhookRun | undefined) => (run ? run.result.okInWindow / (run.result.windowMs / 1000) : Number.NaN);
const answers = (run: WebhookRun) => Object.values(run.result.statuses).reduce((a, b) => a + b, 0);
const refused = (run: WebhookRun) => answers(run) - (run.result.statuses['202'] ?? 0);

/** Prints the side-by-side table and the verdicts; returns true when the run had errors. */
export function printWebhookSummary(f: WebhookFigures): boolean {
  const find = (target: WebhookRun['target'], mode: WebhookRun['mode']) => f.runs.find((r) => r.target === target && r.mode === mode);
  const lat = (run: WebhookRun | undefined): LatencySummary => summarize(run?.result.latencies ?? []);
  const rows: string[][] = [['', 'bare Hono', 'API', 'API / bare']];
  for (const mode of ['closed', 'open'] as const) {
    const bare = find('bare', mode);
    const api = find('api', mode);
    const [b, a] = [lat(bare), lat(api)];
    rows.push([mode === 'closed' ? `closed loop, ${bare?.label.match(/\((.*)\)/)?.[1] ?? ''}` : `open loop, ${f.targetRate}/s asked`, '', '', '']);
    rows.push(['  202 answers/s', perSecond(accepted(bare)), perSecond(accepted(api)), ratio(accepted(api), accepted(bare))]);
    for (const key of ['p50', 'p90', 'p99', 'max'] as const) rows.push([`  answer ${key}`, ms(b[key]), ms(a[key]), ratio(a[key], b[key])]);
    if (mode === 'open') {
      rows.push(['  waited for a free connection', String(bare?.result.queued ?? 0), String(api?.result.queued ?? 0), '']);
      rows.push(['  never sent (line full at the end)', String(bare?.result.unsent ?? 0), String(api?.result.unsent ?? 0), '']);
    }
    rows.push(['  not 202', String(bare ? refused(bare) : 0), String(api ? refused(api) : 0), '']);
    const delay = (run: WebhookRun | undefined, key: 'p99' | 'max') => (run ? run.eventLoopDelayMs[key] : Number.NaN);
    for (const key of ['p99', 'max'] as const) rows.push([`  event-loop delay ${key}`, ms(delay(bare, key)), ms(delay(api, key)), ratio(delay(api, key), delay(bare, key))]);
  }
  console.log(`\nSummary (2 cores shared by the Temporal dev server, ${f.mongoKind}, this process (API, bare Hono, load thread)${f.withWorker ? ' and the worker' : ''})`);
  printTable(rows);
  for (const run of f.runs) {
    const other = Object.entries(run.result.statuses).filter(([status]) => status !== '202');
    const notes = [
      ...(other.length ? [`not 202: ${other.map(([status, n]) => `${n}× ${status}`).join(', ')}`] : []),
      ...(run.result.signedInWindow ? [`${run.result.signedInWindow} bodies signed during the run`] : []),
    ];
    console.log(`  CPU (cores) ${run.label}: ${run.cpu}${notes.length ? `; ${notes.join('; ')}` : ''}`);
  }

  const apiRuns = f.runs.filter((r) => r.target === 'api');
  const total202 = apiRuns.reduce((sum, r) => sum + (r.result.statuses['202'] ?? 0), 0);
  const durable = f.inbox.total === total202;
  console.log(`\n  durability: ${f.inbox.total} inbox entries for ${total202} answers 202 (warm-up included): ${durable ? 'equal' : 'MISMATCH'}`);
  console.log(`  inbox by status: ${f.inbox.relayed} relayed, ${f.inbox.unmatched} unmatched, ${f.inbox.pending} pending (${f.match} webhooks; relay on; worker ${f.withWorker ? 'on' : 'off'})`);
  console.log(
    `  relay lag: ${f.relay.afterClosed.pending === 0 ? `caught up ${(f.relay.afterClosed.waitedMs / 1000).toFixed(0)} s after the closed loop` : `${f.relay.afterClosed.pending} still pending ${(f.relay.afterClosed.waitedMs / 1000).toFixed(0)} s after the closed loop (the open loop ran beside its drain)`}, ` +
      `${f.relay.afterOpen.pending === 0 ? `${(f.relay.afterOpen.waitedMs / 1000).toFixed(0)} s after the open loop` : `${f.relay.afterOpen.pending} still pending ${(f.relay.afterOpen.waitedMs / 1000).toFixed(0)} s after the open loop`}`,
  );

  const open = find('api', 'open');
  if (open?.relayBacklogAtEnd !== undefined) {
    const { webhooks, seconds } = open.relayBacklogAtEnd;
    const perS = webhooks / seconds;
    console.log(`  relay during the open loop: ${webhooks} webhooks still to signal when it stopped (${perS < f.targetRate * 0.02 ? 'kept pace' : `fell behind by ~${perS.toFixed(0)}/s`})`);
  }
  const openRateOk = f.targetRate >= TARGET_ACCEPTED_PER_S ? accepted(open) >= TARGET_ACCEPTED_PER_S * 0.95 : undefined;
  console.log(`\n  target ≥ ${TARGET_ACCEPTED_PER_S} webhooks/s accepted durably: ${verdict(accepted(find('api', 'closed')) >= TARGET_ACCEPTED_PER_S && durable)} (closed loop ${perSecond(accepted(find('api', 'closed')))})`);
  console.log(
    `  target p99 answer < ${TARGET_P99_MS} ms at ${TARGET_ACCEPTED_PER_S}/s:   ${verdict(openRateOk === undefined ? undefined : openRateOk && lat(open).p99 < TARGET_P99_MS)} ` +
      `(open loop ${perSecond(accepted(open))} achieved, p99 ${ms(lat(open).p99)}; closed loop p99 ${ms(lat(find('api', 'closed')).p99)})`,
  );

  const apiAnswers = apiRuns.reduce((sum, r) => sum + answers(r), 0);
  const apiRefused = apiRuns.reduce((sum, r) => sum + refused(r), 0);
  if (!durable || apiRefused / Math.max(1, apiAnswers) > 0.01) {
    console.error(`\n[bench] errors: ${apiRefused} of ${apiAnswers} webhooks not answered 202${durable ? '' : '; inbox count differs from the 202 answers'}`);
    return true;
  }
  return false;
}
