import type { CarrierHealthRepository, HealthChange } from '../src/db/carrier-health/repository.js';
import type { CatchUpPace, OutagePolicy } from '../src/domain/carrier-health.js';
import type { Logger } from '../src/observability/logger.js';
import type { FollowUpWorkflows } from './follow-up-workflows.js';

/** How long a worker trusts "healthy, no failures" before it writes another success (fewer writes per poll). */
const QUIET_SUCCESS_MS = 10_000;

export interface CarrierHealthFeedDeps {
  health: CarrierHealthRepository;
  policy: OutagePolicy;
  /** The catch-up after an outage (CARRIER_CATCH_UP_RATE, CARRIER_RECOVERY_SETTLE). */
  recovery: { pace: CatchUpPace; settleMs: number };
  /** Starts the outage alert and the recovery. */
  followUps: Pick<FollowUpWorkflows, 'startOperatorAlert' | 'startCarrierRecovery'>;
  logger: Logger;
}

/** Feeds carrier health from look-up outcomes. Never throws: a poll's own result matters more than its bookkeeping. */
export interface CarrierHealthFeed {
  succeeded(carrierId: string, at: Date): Promise<void>;
  failed(input: { carrierId: string; orderCode: string; error: string; at: Date; circuitOpen?: boolean }): Promise<void>;
}

export function createCarrierHealthFeed(deps: CarrierHealthFeedDeps): CarrierHealthFeed {
  const quietUntil = new Map<string, number>();
  // Starts this worker already made; a start is idempotent anyway (ids from the episode), this only saves calls.
  const started = new Set<string>();

  async function once(key: string, start: () => Promise<void>): Promise<void> {
    if (started.has(key)) return;
    await start();
    started.add(key);
  }

  /**
   * Acts on the state the call left: the outage alert while in outage, the recovery while recovering. Also
   * when another worker made the change and failed to start them (a crash, Temporal down): the next outcome
   * any worker records starts what is missing.
   */
  async function follow(carrierId: string, change: HealthChange): Promise<void> {
    const { record } = change;
    if (record.state === 'outage' && record.outageSince) {
      const episode = record.outageSince;
      if (change.outageStarted) deps.logger.warn('carrier outage', { carrierId, since: episode, failures: record.consecutiveFailures });
      await once(`outage:${carrierId}:${episode}`, () => deps.followUps.startOperatorAlert({ kind: 'carrier_outage', carrierId, episode, state: 'raised' }));
    }
    if (record.state === 'recovering' && record.lastOutage) {
      const { since, endedAt } = record.lastOutage;
      if (change.outageEnded) deps.logger.info('carrier answers again after an outage', { carrierId, since, endedAt });
      await once(`recovery:${carrierId}:${since}`, () =>
        deps.followUps.startCarrierRecovery({ carrierId, outageSince: since, endedAt, pace: deps.recovery.pace, settleMs: deps.recovery.settleMs }),
      );
    }
    if (record.state === 'healthy' && record.consecutiveFailures === 0) quietUntil.set(carrierId, Date.now() + QUIET_SUCCESS_MS);
  }

  return {
    async succeeded(carrierId, at) {
      if ((quietUntil.get(carrierId) ?? 0) > Date.now()) return;
      try {
        await follow(carrierId, await deps.health.recordSuccess(carrierId, at));
      } catch (error) {
        deps.logger.warn('carrier health not recorded', { carrierId, outcome: 'success', error: String(error) });
      }
    },

    async failed(input) {
      quietUntil.delete(input.carrierId);
      try {
        await follow(input.carrierId, await deps.health.recordFailure(input, deps.policy));
      } catch (error) {
        deps.logger.warn('carrier health not recorded', { carrierId: input.carrierId, outcome: 'failure', error: String(error) });
      }
    },
  };
}
