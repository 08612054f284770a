/**
 * `npm run chaos`: reliability under faults. Starts its own stack on loopback (Temporal dev server on a
 * SQLite file, MongoDB-wire server on a data directory, carrier simulator, the API and the worker as real
 * processes), runs a sustained load of signed webhooks to many orders plus order placements, and injects
 * in turn: worker SIGKILL, API SIGKILL right after a 2xx answer, Temporal stopped, MongoDB-wire server
 * stopped (each restarted where it was). After each fault it measures the time until everything answered
 * 2xx shows in the read model; at the end it accounts for every 2xx answer (workflow events via getState
 * and the read model's timeline) and every milestone (notification requests) and prints a table.
 * Target: 0 lost, 0 duplicated. Exit code 1 when anything is lost, duplicated or never caught up.
 */
import { parseFlags, positive } from './bench/cli-args.js';
import { onCleanup, runMain } from './bench/cleanup.js';
import { logSink, logSummary } from './bench/log-sink.js';
import { machineLoad, progress } from './bench/report.js';
import { FAULT_NAMES, type FaultName } from './chaos/faults.js';
import { printChaosTable, type PhaseRecord } from './chaos/report.js';
import { runFaultPhase } from './chaos/run-phase.js';
import { startChaosSession } from './chaos/session.js';
import { formatCounts } from './chaos/ledger.js';

const flags = parseFlags(
  process.argv.slice(2),
  {
    faults: { default: FAULT_NAMES.join(','), help: `faults to inject, in order (${FAULT_NAMES.join(', ')})` },
    'server-down': { default: '30', help: 'seconds Temporal and the MongoDB-wire server stay stopped' },
    'process-down': { default: '2', help: 'seconds a killed API or worker stays dead before its restart' },
    rate: { default: '5', help: 'webhooks per second' },
    'order-rate': { default: '0.2', help: 'orders placed per second during the load' },
    orders: { default: '20', help: 'orders placed before the load starts' },
    'max-scans': { default: '30', help: 'in-transit scans an order gets at most before out for delivery' },
    steady: { default: '10', help: 'seconds of load without a fault before each fault' },
    'recovery-timeout': { default: '240', help: 'seconds to wait for the system to catch up after a fault' },
  },
  'Usage: npm run chaos -- [--faults worker,api,temporal,mongo] [--server-down 30] [--rate 10]',
);
const faults = flags.faults.split(',').map((f) => f.trim()) as FaultName[];
for (const f of faults) if (!FAULT_NAMES.includes(f)) throw new Error(`unknown fault "${f}" (known: ${FAULT_NAMES.join(', ')})`);
const settings = { serverDownMs: positive(flags, 'server-down') * 1000, processDownMs: Number(flags['process-down']) * 1000 };
const recoveryTimeoutMs = positive(flags, 'recovery-timeout') * 1000;

/** Process output: warnings and errors shown (the first few) and counted; info lines only counted. */
const sinks = { api: logSink('api'), worker: logSink('worker') };
const output = (source: 'api' | 'worker', text: string) => {
  for (const line of text.split('\n')) if (line.trim() && !line.includes('"level":"info"')) sinks[source](line);
};

async function main(): Promise<number> {
  const t0 = performance.now();
  console.log(`chaos — faults ${faults.join(', ')}; ${flags.rate} webhooks/s, ${flags['order-rate']} orders/s; ${machineLoad()}`);
  console.log('[chaos] starting Temporal (SQLite file), MongoDB-wire server, carrier simulator, API and worker processes (the worker bundles the workflows first)…');
  const onProgress = (text: string) => progress(t0, text);
  const session = await startChaosSession({
    output,
    onProgress,
    orders: Math.floor(positive(flags, 'orders')),
    webhooksPerSecond: positive(flags, 'rate'),
    ordersPerSecond: Number(flags['order-rate']),
    maxScansBeforeDelivery: Math.max(3, Math.floor(positive(flags, 'max-scans'))),
    catchUpTimeoutMs: recoveryTimeoutMs,
  });
  onCleanup('chaos stack', () => session.stop());
  const { stack, ledger, load } = session;
  console.log(`[chaos] stack ready: API ${stack.apiUrl}, Temporal ${stack.temporalServer.address}, ${stack.mongoServer.description} ${stack.mongoServer.address}`);
  const ticker = setInterval(() => onProgress(`${formatCounts(ledger.answers.webhooks)} webhook answers; ${load.describe()}`), 10_000);
  onCleanup('progress', async () => clearInterval(ticker));

  const phases: PhaseRecord[] = [];
  for (const name of faults) {
    const phase = await runFaultPhase(name, session, { steadyMs: positive(flags, 'steady') * 1000, settings, recoveryTimeoutMs });
    const previous = phases[phases.length - 1];
    if (previous) previous.to = phase.from;
    phases.push(phase);
  }

  const { unanswered, verification } = await session.finish(60_000);
  clearInterval(ticker);

  console.log(`\nchaos results (${stack.mongoServer.description}; answers: webhooks ${formatCounts(ledger.answers.webhooks)}; orders ${formatCounts(ledger.answers.orders)})`);
  const { failed } = printChaosTable(ledger, phases, verification);
  if (unanswered > 0) console.log(`  ${unanswered} requests were still unanswered when the load stopped (not counted: never accepted)`);
  console.log(`  recovery = from the restart of the faulted part until every 2xx answered up to then shows in the read model`);
  console.log(`  ${logSummary()}; at the end: ${machineLoad()}`);
  console.log(failed ? '\nMISS: something answered 2xx is lost or duplicated, or the system did not catch up' : '\nPASS: 0 lost, 0 duplicated');
  return failed ? 1 : 0;
}

runMain(main);
