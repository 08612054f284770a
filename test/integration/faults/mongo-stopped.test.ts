import { describe, expect, it } from 'vitest';
import { runFaultPhase } from '../../../scripts/chaos/run-phase.js';
import { acceptedBetween, useFaultSession } from '../../support/fault-session.js';

const useSession = useFaultSession();

describe('the MongoDB-wire server stopped under load and started again on the same port and data', () => {
  it('answers 5xx, never 2xx, while it is down, and loses nothing it answered 2xx', async () => {
    const session = useSession();
    const phase = await runFaultPhase('mongo', session, { steadyMs: 3_000, settings: { serverDownMs: 15_000, processDownMs: 0 }, recoveryTimeoutMs: 150_000 });
    // Nothing can be stored, so nothing may be accepted; the clients hear an error and re-send.
    expect(acceptedBetween(session.ledger, phase.fault.downFrom, phase.fault.downTo)).toBe(0);
    const answers = { ...session.ledger.answers.webhooks };
    // Refused (5xx) or unanswered within the client's 20 s (a write waits up to 10 s for a server, and a
    // request may hold two such waits): either way not accepted, and the client re-sends.
    const refused = Object.entries(answers).filter(([status]) => status === 'error' || Number(status) >= 500).reduce((n, [, count]) => n + count, 0);
    expect(refused).toBeGreaterThan(0);
    // Refused as "retry later" (503 STORE_UNAVAILABLE), not as a bug (500).
    expect(answers[500] ?? 0).toBe(0);
    expect(phase.catchUp.caughtUpAt).toBeDefined();

    const { verification } = await session.finish(90_000);
    expect(verification.findings).toEqual([]);
    // The re-sent requests were accepted once it was back.
    expect(acceptedBetween(session.ledger, phase.fault.endedAt, Date.now())).toBeGreaterThan(0);
  }, 420_000);
});
