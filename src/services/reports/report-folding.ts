import { randomBytes } from 'node:crypto';
import type { DbConnection } from '../../db/connection.js';
import { createReportFolder } from '../../db/report-rollups/report-folder.js';
import type { Logger } from '../../observability/logger.js';
import { repeat } from '../webhook-relay/relay-loops.js';

/**
 * How often the API folds the report rollup's dirty buckets. Reports trail the read model's writers by
 * about this much plus one round (seconds; at 1,000,000 shipments a round over 20 scattered days took 4–7 s
 * on the shared 2-core machine), so a dashboard is a few seconds behind.
 */
export const REPORT_FOLD_INTERVAL_MS = 2_000;
/** One process folds per slot of this length (fold-lease.ts); the others skip their rounds. */
export const REPORT_FOLD_SLOT_MS = 30_000;

/**
 * Starts the API's background report folder (the writers only record contributions and a dirty mark).
 * Any number of API processes may run it: a slot lease lets one fold at a time. Returns a stop function.
 */
export function startReportFolding(mongo: DbConnection, logger: Logger, options: { intervalMs?: number } = {}): () => Promise<void> {
  const folder = createReportFolder(mongo, { owner: randomBytes(6).toString('hex'), slotMs: REPORT_FOLD_SLOT_MS });
  return repeat(
    'report rollup fold',
    options.intervalMs ?? REPORT_FOLD_INTERVAL_MS,
    async () => {
      const done = await folder.round();
      if (done && done.marks > 0) logger.debug('report rollup folded', { ...done });
    },
    logger,
  );
}
