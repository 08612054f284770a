import type { Client } from '@temporalio/client';
import type { DbConnection } from '../db/connection.js';

/** How long /healthz waits for Temporal's answer before it reports it down. */
const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** Whether each backing server answers; never throws. */
export interface HealthChecks {
  mongo(): Promise<boolean>;
  temporal(): Promise<boolean>;
}

export function createHealthChecks(mongo: DbConnection, temporal: Client): HealthChecks {
  return {
    mongo: async () => {
      try {
        await mongo.db?.admin().ping();
        return true;
      } catch {
        return false;
      }
    },
    temporal: async () => {
      try {
        // A health check answers in time: without a deadline the client's retries of an unreachable
        // server held the answer for some 20 s, past any load balancer's timeout.
        await temporal.connection.withDeadline(Date.now() + HEALTH_CHECK_TIMEOUT_MS, () => temporal.connection.workflowService.getSystemInfo({}));
        return true;
      } catch {
        return false;
      }
    },
  };
}
