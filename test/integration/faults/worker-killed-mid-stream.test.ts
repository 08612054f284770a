import { describe, expect, it } from 'vitest';
import { runFaultPhase } from '../../../scripts/chaos/run-phase.js';
import { verifyRun } from '../../../scripts/chaos/verify.js';
import { acceptedBetween, useFaultSession } from '../../support/fault-session.js';

const useSession = useFaultSession();

describe('the worker process SIGKILLed in the middle of a webhook stream', () => {
  it('loses and duplicates no event and no notification request once a new worker runs', async () => {
    const session = useSession();
    const phase = await runFaultPhase('worker', session, { steadyMs: 4_000, settings: { serverDownMs: 0, processDownMs: 3_000 }, recoveryTimeoutMs: 150_000 });
    // The stream went on while no worker ran: the API stored and signalled.
    expect(acceptedBetween(session.ledger, phase.fault.downFrom, phase.fault.downTo)).toBeGreaterThan(3);
    expect(phase.catchUp.caughtUpAt).toBeDefined();

    const { verification } = await session.finish(60_000);
    expect(verification.findings).toEqual([]);
    expect(verification.checked.milestones).toBeGreaterThan(0);
    expect(verification.checked.notifications).toBe(verification.checked.milestones * 2);

    // The accounting can fail: a webhook the ledger holds as answered 202 that never reached the API is lost.
    const [someOrder] = session.ledger.orders.keys();
    session.ledger.webhooks.set('never-sent', { eventId: 'never-sent', orderCode: someOrder!, code: 'IT', attempts: 1, acceptedAt: Date.now() });
    const again = await verifyRun(session.ledger, session.mongo, session.temporal);
    expect(again.findings).toEqual([expect.objectContaining({ kind: 'webhook', problem: 'lost-workflow', detail: expect.stringContaining('never-sent') })]);
  }, 420_000);
});
