import type { DbConnection } from '../../src/db/connection.js';
import { waitForCatchUp } from './catch-up.js';
import type { FaultStack } from './fault-stack.js';
import { describeFault, injectFault, type FaultName, type FaultSettings } from './faults.js';
import type { Ledger } from './ledger.js';
import type { ChaosLoad } from './load.js';
import type { PhaseRecord } from './report.js';
import type { Supervisor } from './supervisor.js';

export interface PhaseContext {
  stack: FaultStack;
  load: ChaosLoad;
  ledger: Ledger;
  mongo: DbConnection;
  supervisor: Supervisor;
  onProgress: (text: string) => void;
}

/**
 * One phase under the running load: `steadyMs` without a fault, the fault, then the wait until everything
 * answered 2xx up to the restart shows in the read model (at most `recoveryTimeoutMs`).
 */
export async function runFaultPhase(
  name: FaultName,
  ctx: PhaseContext,
  options: { steadyMs: number; settings: FaultSettings; recoveryTimeoutMs: number },
): Promise<PhaseRecord> {
  const from = Date.now();
  await new Promise((r) => setTimeout(r, options.steadyMs));
  ctx.onProgress(`fault: ${describeFault(name, options.settings)}`);
  const restartsBefore = ctx.supervisor.restarts();
  // A process killed on purpose stays dead for its set time, not until the supervisor's next look.
  if (name === 'api' || name === 'worker') ctx.supervisor.pause();
  const fault = await injectFault(name, ctx.stack, ctx.load, options.settings).finally(() => ctx.supervisor.resume());
  ctx.onProgress(`fault over after ${((fault.endedAt - fault.startedAt) / 1000).toFixed(1)} s; waiting for everything answered 2xx to show`);
  const catchUp = await waitForCatchUp(ctx.ledger, ctx.mongo, fault.endedAt, options.recoveryTimeoutMs, ctx.onProgress);
  const recovered = catchUp.caughtUpAt === undefined ? 'not caught up in time' : `caught up ${((catchUp.caughtUpAt - fault.endedAt) / 1000).toFixed(1)} s after the fault`;
  ctx.onProgress(`${name}: ${recovered}`);
  return { name, from, to: Number.POSITIVE_INFINITY, fault, catchUp, restarts: ctx.supervisor.restarts() - restartsBefore };
}
