import { describe, expect, it } from 'vitest';
import { runFaultPhase } from '../../../scripts/chaos/run-phase.js';
import { useFaultSession } from '../../support/fault-session.js';

const useSession = useFaultSession();

describe('the API process SIGKILLed right after answering a webhook 202', () => {
  it('relays every webhook it answered once it is restarted: each reaches its order once', async () => {
    const session = useSession();
    const phase = await runFaultPhase('api', session, { steadyMs: 4_000, settings: { serverDownMs: 0, processDownMs: 1_000 }, recoveryTimeoutMs: 150_000 });
    // The last answer before the kill was a webhook's 202, and the process died before it could relay it
    // (or just after): either way it shows in its order's timeline once a new API process runs.
    const last = session.ledger.webhooks.get(phase.fault.lastAnswered!.id)!;
    expect(last.acceptedAt).toBeLessThanOrEqual(phase.fault.downFrom);
    expect(phase.catchUp.caughtUpAt).toBeDefined();
    expect(last.seenAt).toBeDefined();

    const { verification } = await session.finish(60_000);
    expect(verification.findings).toEqual([]);
    // Answered before and after the kill, all counted.
    expect(verification.checked.webhooks).toBeGreaterThan(15);
    expect([...session.ledger.webhooks.values()].some((w) => (w.acceptedAt ?? 0) > phase.fault.endedAt)).toBe(true);
  }, 420_000);
});
