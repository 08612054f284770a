import { afterAll, beforeAll } from 'vitest';
import { startChaosSession, type ChaosSession } from '../../scripts/chaos/session.js';
import type { Ledger } from '../../scripts/chaos/ledger.js';

/**
 * The chaos script's session (its own Temporal on a SQLite file, its own MongoDB-wire server, the API and
 * the worker as real processes, a steady load of webhooks and orders), sized for a test: a few orders, a
 * few webhooks a second. The processes' output is dropped: under a fault they log errors by design, and
 * the findings of the final accounting say what went wrong.
 */
function startFaultSession(): Promise<ChaosSession> {
  return startChaosSession({
    output: () => {},
    onProgress: () => {},
    orders: 6,
    webhooksPerSecond: 4,
    ordersPerSecond: 0.25,
    maxScansBeforeDelivery: 6,
    catchUpTimeoutMs: 150_000,
  });
}

/** Requests of the ledger first answered 2xx in [from, to): webhooks and orders together. */
export function acceptedBetween(ledger: Ledger, from: number, to: number): number {
  const inWindow = (at: number | undefined) => at !== undefined && at >= from && at < to;
  return [...ledger.webhooks.values()].filter((w) => inWindow(w.acceptedAt)).length + [...ledger.orders.values()].filter((o) => inWindow(o.acceptedAt)).length;
}

/**
 * Registers the file's beforeAll (start the session: a minute or more, the worker bundles the workflows)
 * and afterAll (stop everything); returns a getter for the session.
 */
export function useFaultSession(): () => ChaosSession {
  let session: ChaosSession | undefined;
  beforeAll(async () => {
    session = await startFaultSession();
  }, 300_000);
  afterAll(async () => {
    await session?.stop();
  }, 60_000);
  return () => {
    if (!session) throw new Error('the fault session starts in beforeAll');
    return session;
  };
}
