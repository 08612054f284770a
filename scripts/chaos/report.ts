import { printTable } from '../bench/report.js';
import type { CatchUp } from './catch-up.js';
import type { FaultName, FaultTimes } from './faults.js';
import type { Ledger } from './ledger.js';
import type { Finding, Verification } from './verify.js';

/** One phase of the run: steady load, one fault, recovery. Its window ends where the next begins. */
export interface PhaseRecord {
  name: FaultName;
  from: number;
  to: number;
  fault: FaultTimes;
  catchUp: CatchUp;
  /** Unexpected exits of the API or worker that the run's supervisor restarted during the phase. */
  restarts: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function countIn<T>(items: Iterable<T>, at: (item: T) => number | undefined, from: number, to: number): number {
  let n = 0;
  for (const item of items) {
    const t = at(item);
    if (t !== undefined && t >= from && t < to) n += 1;
  }
  return n;
}

/** Lost = in neither or only one of workflow and read model; the table says which part lost it. */
function tally(findings: Finding[]) {
  const of = (pred: (f: Finding) => boolean) => findings.filter(pred).length;
  return {
    lost: of((f) => f.kind !== 'notification' && f.problem.startsWith('lost')),
    owed: of((f) => f.problem === 'owed'),
    duplicated: of((f) => f.kind !== 'notification' && f.problem === 'duplicated'),
    notifications: of((f) => f.kind === 'notification' && f.problem !== 'owed'),
  };
}

/** Prints the chaos table: per phase what was accepted, what went missing or twice, and the recovery. */
export function printChaosTable(ledger: Ledger, phases: PhaseRecord[], verification: Verification): { failed: boolean } {
  const hooks = [...ledger.webhooks.values()];
  const orders = [...ledger.orders.values()];
  const rows = [['phase', 'down', 'webhooks 2xx', 'orders 2xx', '2xx while down', 'lost', 'duplicated', 'notif. wrong', 'still owed', 'restarts', 'recovery']];
  for (const p of phases) {
    const findings = verification.findings.filter((f) => f.acceptedAt >= p.from && f.acceptedAt < p.to);
    const t = tally(findings);
    const whileDown = countIn(hooks, (w) => w.acceptedAt, p.fault.downFrom, p.fault.downTo) + countIn(orders, (o) => o.acceptedAt, p.fault.downFrom, p.fault.downTo);
    const recovery = p.catchUp.caughtUpAt === undefined
      ? `not within the timeout (${p.catchUp.outstanding.webhooks} webhooks, ${p.catchUp.outstanding.orders} orders behind)`
      : seconds(Math.max(0, p.catchUp.caughtUpAt - p.fault.endedAt));
    rows.push([
      p.name,
      seconds(p.fault.downTo - p.fault.downFrom),
      String(countIn(hooks, (w) => w.acceptedAt, p.from, p.to)),
      String(countIn(orders, (o) => o.acceptedAt, p.from, p.to)),
      String(whileDown),
      String(t.lost),
      String(t.duplicated),
      String(t.notifications),
      String(t.owed),
      String(p.restarts),
      recovery,
    ]);
  }
  const all = tally(verification.findings);
  rows.push(['all (incl. warm-up)', '', String(verification.checked.webhooks), String(verification.checked.orders), '', String(all.lost), String(all.duplicated), String(all.notifications), String(all.owed), '', '']);
  printTable(rows);
  const c = verification.checked;
  console.log(`\n  checked: ${c.orders} orders, ${c.webhooks} webhooks answered 2xx, ${c.milestones} milestones reached, ${c.notifications} notification requests recorded`);
  if (verification.appliedUnanswered > 0) console.log(`  ${verification.appliedUnanswered} webhooks never answered 2xx reached their order anyway (stored before the answer was lost: harmless, the re-send was a duplicate)`);
  for (const f of verification.findings.slice(0, 20)) console.log(`  ${f.kind} ${f.problem}: ${f.detail}`);
  if (verification.findings.length > 20) console.log(`  … and ${verification.findings.length - 20} more`);
  const slow = phases.some((p) => p.catchUp.caughtUpAt === undefined);
  return { failed: verification.findings.length > 0 || slow };
}
