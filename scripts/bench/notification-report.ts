import { ms, summarize, type LatencySummary } from './latency.js';
import { logSummary } from './log-sink.js';
import type { MilestoneLoadResult } from './milestone-load-thread.js';
import type { NotificationRecords, DrainResult } from './notification-drain.js';
import type { Channel, ChannelMatch } from './notification-match.js';
import type { BaselineSends } from './provider-baselines.js';
import { perSecond, printTable, verdict } from './report.js';

const TARGET_P99_MS = 2_000;
const TARGET_RATE = 50;

export interface NotificationFigures {
  asked: { shipments: number; rate: number; warmupMs: number };
  mongoKind: string;
  zone: string;
  quietHours: { start: string; end: string } | undefined;
  placed: number;
  prefsRefused: number;
  load: MilestoneLoadResult;
  drained: DrainResult;
  match: Record<Channel, ChannelMatch>;
  records: NotificationRecords;
  loadCpu: string;
  /** CPU seconds per process from the first milestone to the last message. */
  runCpu: { name: string; seconds: number }[];
  /** Per webhook of the run: its receipt by the API → its signal to the workflow recorded (ms). */
  relayLags: number[];
  /** Webhooks still in the inbox waiting for their signal when the drain ended. */
  inboxPending: number;
  baselines: {
    smtpPaced: { sends: BaselineSends; latencies: number[] };
    smtpClosed: { sends: BaselineSends; latencies: number[] };
    twilioPaced: { sends: BaselineSends; latencies: number[] };
    sampleEmailBytes: number;
    sampleSmsChars: number;
  };
}

/** Latencies with every message not taken counted as infinitely late, so a missing one can never flatter a percentile. */
function withLosses(latencies: number[], lost: number): LatencySummary {
  return summarize([...latencies, ...new Array<number>(lost).fill(Number.POSITIVE_INFINITY)]);
}

const late = (value: number) => (value === Number.POSITIVE_INFINITY ? 'missing' : ms(value));
const line = (s: LatencySummary) => `p50 ${late(s.p50)}  p90 ${late(s.p90)}  p99 ${late(s.p99)}  max ${late(s.max)}  (n=${s.count})`;

/** Messages whose first copy arrived between the first milestone and the last one's answer, per second. */
function ratesDuringLoad(f: NotificationFigures): { duringLoad: number; endToEnd: number } {
  const arrivals = [...f.match.email.arrivals, ...f.match.sms.arrivals];
  const { startedAt, endedAt } = f.load;
  const during = arrivals.filter((at) => at >= startedAt && at <= endedAt).length;
  const last = arrivals.reduce((a, b) => Math.max(a, b), startedAt);
  return { duringLoad: during / ((endedAt - startedAt) / 1000), endToEnd: arrivals.length / Math.max(0.001, (last - startedAt) / 1000) };
}

/** Prints the figures and the summary table; returns true when the run had errors (> 1% webhooks refused). */
export function printNotificationSummary(f: NotificationFigures): boolean {
  const { load, match, records } = f;
  const refused = Object.values(load.failures).reduce((a, b) => a + b, 0);
  const milestonesPerS = load.acks.length / ((load.endedAt - load.startedAt) / 1000);
  const rates = ratesDuringLoad(f);
  const all = withLosses([...match.email.latencies, ...match.sms.latencies], match.email.lost.length + match.sms.lost.length);
  const steady = withLosses([...match.email.warmLatencies, ...match.sms.warmLatencies], match.email.lost.length + match.sms.lost.length);
  const lost = match.email.lost.length + match.sms.lost.length;
  const superseded = records.missingByStatus.superseded ?? 0;
  const duplicates = match.email.duplicates + match.sms.duplicates;
  const unexpected = match.email.unexpected + match.sms.unexpected;
  const b = f.baselines;
  const smtpPaced = summarize(b.smtpPaced.latencies);
  const twilioPaced = summarize(b.twilioPaced.latencies);
  const closedRate = b.smtpClosed.latencies.length / (b.smtpClosed.sends.elapsedMs / 1000);

  console.log(`\nResults`);
  console.log(`  milestones: ${load.sent} sent, ${load.acks.length} answered 2xx (${perSecond(milestonesPerS)})${refused ? `, ${refused} refused ${JSON.stringify(load.failures)}` : ''}`);
  for (const channel of ['email', 'sms'] as const) {
    const m = match[channel];
    console.log(
      `  ${channel.padEnd(5)} expected ${m.expected}, received ${m.received}, not taken ${m.lost.length}, duplicates ${m.duplicates}, unexpected ${m.unexpected}; ` +
        `milestone → provider ${line(withLosses(m.latencies, m.lost.length))}; mean size ${m.meanSize.toFixed(0)} ${channel === 'email' ? 'bytes' : 'characters'}`,
    );
  }
  if (f.asked.warmupMs > 0) console.log(`  all milestones, the first ${(f.asked.warmupMs / 1000).toFixed(0)} s (warm-up) included: ${line(all)}`);
  for (const key of [...match.email.duplicateKeys, ...match.sms.duplicateKeys].slice(0, 5)) console.log(`  duplicated: ${key}`);
  if (lost > 0) {
    // Still requested/sending when the drain ended: late, not lost by the system; sent, failed, skipped or never recorded: lost.
    const inFlight = (records.missingByStatus.requested ?? 0) + (records.missingByStatus.sending ?? 0);
    console.log(`  not taken by the providers: ${lost} (${Object.entries(records.missingByStatus).map(([s, n]) => `${n} ${s}`).join(', ')}); ${inFlight} of them still on their way when the drain ended`);
    console.log(
      `  never recorded, by milestone: ${Object.entries(records.notRecordedByTrigger).map(([t, n]) => `${n} ${t}`).join(', ') || 'none'}; webhooks still in the inbox waiting for their signal: ${f.inboxPending}`,
    );
  }
  for (const e of records.examples) console.log(`  missing: ${e.key} — recorded ${e.status}, ${e.attempts} attempts${e.note ? `: ${e.note}` : ''}`);
  console.log(
    `  notification log: ${Object.entries(records.byStatus).map(([s, n]) => `${n} ${s}`).join(', ') || 'empty'}; ${records.held} held by quiet hours; ${records.retried} sent after a retry`,
  );
  console.log(`  drain after the last milestone: ${(f.drained.waitedMs / 1000).toFixed(1)} s${f.drained.complete ? '' : `, gave up with ${f.drained.running} notification workflows running`}`);
  const splitOf = (pick: (m: ChannelMatch) => number[]) => line(summarize([...pick(match.email), ...pick(match.sms)]));
  console.log(`  where the time goes (all messages received):`);
  console.log(`    webhook stored → signalled to its workflow (API relay)       ${line(summarize(f.relayLags))}`);
  console.log(`    milestone answered → request recorded (relay + ShipmentWorkflow + read-model write)  ${splitOf((m) => m.toRecorded)}`);
  console.log(`    request recorded → provider took it (the same read-model write; held ones later)      ${splitOf((m) => m.recordedToProvider)}`);
  console.log(`  stack logs: ${logSummary()}`);
  console.log(`  CPU (cores) during the milestones: ${f.loadCpu}`);
  const messages = match.email.received + match.sms.received;
  const cpuTotal = f.runCpu.reduce((sum, row) => sum + row.seconds, 0);
  // Only a drained run spent its CPU on the messages counted; otherwise part went to ones still on their way.
  if (f.drained.complete) {
    console.log(
      `  CPU per message, first milestone to last message: ${((cpuTotal * 1000) / Math.max(1, messages)).toFixed(1)} ms in all (` +
        `${f.runCpu.map((row) => `${row.name} ${((row.seconds * 1000) / Math.max(1, messages)).toFixed(1)}`).join(', ')}); ` +
        `2 cores then carry at most ${perSecond((2 * messages) / Math.max(0.001, cpuTotal))}`,
    );
  } else {
    console.log(`  CPU from the first milestone to the end of the drain: ${f.runCpu.map((row) => `${row.name} ${row.seconds.toFixed(0)} s`).join(', ')} (per message: n/a, the drain did not end)`);
  }

  const rateOk = f.asked.rate >= TARGET_RATE && milestonesPerS >= TARGET_RATE * 0.95;
  const quiet = f.quietHours ? `quiet hours ${f.quietHours.start}–${f.quietHours.end} set, not in force (customers in ${f.zone}, daytime)` : `no quiet hours (customers in ${f.zone})`;
  console.log(`\nSummary (2 cores shared by the Temporal dev server, ${f.mongoKind}, this process (API, load, SMTP + Twilio servers) and the worker; ${quiet})`);
  printTable([
    ['figure', 'value', 'baseline (same run, same servers) / note'],
    ['milestones accepted', perSecond(milestonesPerS), `asked ${f.asked.rate}/s across ${f.placed} open shipments`],
    ['messages taken by the providers', perSecond(rates.duringLoad), `while the milestones came; ${perSecond(rates.endToEnd)} first milestone → last message; bare nodemailer flat out (4 connections) ${perSecond(closedRate)}`],
    ['milestone → provider p50', late(steady.p50), `bare nodemailer at ${f.asked.rate}/s ${ms(smtpPaced.p50)}, bare twilio SDK ${ms(twilioPaced.p50)}`],
    ['milestone → provider p99', late(steady.p99), `bare nodemailer ${ms(smtpPaced.p99)}, bare twilio SDK ${ms(twilioPaced.p99)} (${b.sampleEmailBytes}-byte e-mail, ${b.sampleSmsChars}-character SMS from the run)`],
    ['not taken / duplicated / unexpected', `${lost} / ${duplicates} / ${unexpected}`, `of ${match.email.expected + match.sms.expected} expected (one e-mail and one SMS per accepted milestone)${lost ? `; ${(records.missingByStatus.requested ?? 0) + (records.missingByStatus.sending ?? 0)} still on their way at the end` : ''}`],
    [`p99 < 2 s at ${TARGET_RATE}/s`, verdict(rateOk ? steady.p99 < TARGET_P99_MS : f.asked.rate >= TARGET_RATE ? false : undefined), rateOk ? `after the ${(f.asked.warmupMs / 1000).toFixed(0)} s warm-up` : `(${perSecond(milestonesPerS)} asked/achieved)`],
    ['no duplicates, no losses', verdict(lost - superseded === 0 && duplicates === 0), superseded ? `${superseded} superseded (applied behind a later milestone: no message by design) not counted` : ''],
  ]);
  const baselineFailures = b.smtpPaced.sends.failures + b.smtpClosed.sends.failures + b.twilioPaced.sends.failures;
  if (baselineFailures) console.log(`  baseline sends that failed: ${baselineFailures}`);

  if (refused / Math.max(1, load.sent) > 0.01 || f.prefsRefused / Math.max(1, f.placed) > 0.01) {
    console.error(`\n[bench] errors: ${refused} of ${load.sent} webhooks refused, ${f.prefsRefused} preference changes refused`);
    return true;
  }
  return false;
}
