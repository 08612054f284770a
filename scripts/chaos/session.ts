import type { Client } from '@temporalio/client';
import type { DbConnection } from '../../src/db/connection.js';
import { waitForCatchUp, type CatchUp } from './catch-up.js';
import { startFaultStack, type FaultStack, type FaultStackOptions } from './fault-stack.js';
import { createLedger, type Ledger } from './ledger.js';
import { createChaosLoad, type ChaosLoad } from './load.js';
import type { PhaseContext } from './run-phase.js';
import { superviseProcesses, type Supervisor } from './supervisor.js';
import { verifyRun, type Verification } from './verify.js';

export interface ChaosSessionOptions {
  output: FaultStackOptions['output'];
  onProgress: (text: string) => void;
  /** Orders placed (and projected) before the load starts. */
  orders: number;
  webhooksPerSecond: number;
  ordersPerSecond: number;
  maxScansBeforeDelivery: number;
  /** How long the initial orders and the final catch-up may take. */
  catchUpTimeoutMs: number;
}

/** A stack under load, ready for faults (`runFaultPhase(name, session, …)`), and its end. */
export interface ChaosSession extends PhaseContext {
  temporal: Client;
  /** Stops the load, re-sends what is unanswered (at most `resendMs`), waits for the catch-up, checks everything. */
  finish(resendMs: number): Promise<{ unanswered: number; final: CatchUp; verification: Verification }>;
  /** Stops the supervisor and the stack. */
  stop(): Promise<void>;
}

/**
 * Starts the fault stack (API and worker processes), places the initial orders, waits until their
 * workflows have projected, and starts the load; the chaos script and the fault tests share it.
 */
export async function startChaosSession(options: ChaosSessionOptions): Promise<ChaosSession> {
  const stack: FaultStack = await startFaultStack({ output: options.output });
  let supervisor: Supervisor | undefined;
  const stop = async () => {
    supervisor?.stop();
    await stack.stop();
  };
  try {
    const { mongo, temporal }: { mongo: DbConnection; temporal: Client } = await stack.clients();
    const ledger: Ledger = createLedger();
    const load: ChaosLoad = createChaosLoad({
      apiUrl: stack.apiUrl,
      storefrontKey: stack.storefrontKey,
      simWebhookSecret: stack.simWebhookSecret,
      runId: stack.runId,
      sim: stack.sim,
      mongo,
      ledger,
      webhooksPerSecond: options.webhooksPerSecond,
      ordersPerSecond: options.ordersPerSecond,
      maxScansBeforeDelivery: options.maxScansBeforeDelivery,
    });
    supervisor = superviseProcesses(stack, options.onProgress);
    options.onProgress(`placing ${options.orders} orders`);
    await load.placeOrders(options.orders, 4);
    const warm = await waitForCatchUp(ledger, mongo, Date.now(), options.catchUpTimeoutMs, options.onProgress);
    if (warm.caughtUpAt === undefined) throw new Error('the initial orders did not reach the read model in time');
    load.start();
    const watched: Supervisor = supervisor;
    return {
      stack,
      load,
      ledger,
      mongo,
      temporal,
      supervisor: watched,
      onProgress: options.onProgress,
      async finish(resendMs) {
        options.onProgress('load stops; re-sending what is still unanswered');
        const { unanswered } = await load.finish(resendMs);
        const final = await waitForCatchUp(ledger, mongo, Date.now(), options.catchUpTimeoutMs, options.onProgress);
        options.onProgress(`final catch-up ${final.caughtUpAt === undefined ? 'incomplete' : 'complete'}; checking every workflow, timeline and notification log`);
        watched.stop();
        return { unanswered, final, verification: await verifyRun(ledger, mongo, temporal) };
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
