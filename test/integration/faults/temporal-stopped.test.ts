import { describe, expect, it } from 'vitest';
import { runFaultPhase } from '../../../scripts/chaos/run-phase.js';
import { acceptedBetween, useFaultSession } from '../../support/fault-session.js';

const useSession = useFaultSession();

describe('the Temporal server stopped under load and started again on the same port and SQLite file', () => {
  it('every webhook and order answered 2xx while it was down reaches its workflow once it is back', async () => {
    const session = useSession();
    const phase = await runFaultPhase('temporal', session, { steadyMs: 3_000, settings: { serverDownMs: 8_000, processDownMs: 0 }, recoveryTimeoutMs: 150_000 });
    // The API kept answering: webhooks and orders are stored before their 2xx, Temporal or not.
    expect(acceptedBetween(session.ledger, phase.fault.downFrom, phase.fault.downTo)).toBeGreaterThan(5);
    expect(phase.catchUp.caughtUpAt).toBeDefined();

    const { verification } = await session.finish(60_000);
    expect(verification.findings).toEqual([]);
    const duringOutage = [...session.ledger.orders.values()].filter((o) => o.acceptedAt !== undefined && o.acceptedAt >= phase.fault.downFrom && o.acceptedAt < phase.fault.downTo);
    // Orders placed meanwhile have their workflows now (verifyRun queried each one's state).
    expect(verification.checked.orders).toBeGreaterThanOrEqual(6 + duringOutage.length);
  }, 420_000);
});
