import type { Logger } from '../../observability/logger.js';
import type { RelayItem } from './relay-item.js';
import type { RelayQueue } from './relay-queue.js';

/**
 * Drains the queue batch by batch, `pipelines` pumps side by side: a fresh webhook never waits for the
 * slowest signal or save of the batch before it (batches still fill up under a burst). Two pipelines may
 * signal one workflow out of arrival order; the workflow sorts events by when they happened and drops
 * duplicates, so that order does not matter.
 */
export function createRelayPumps(deps: {
  queue: RelayQueue;
  deliver: (batch: RelayItem[]) => Promise<unknown>;
  logger: Logger;
  batchSize: number;
  pipelines: number;
}) {
  const { queue } = deps;
  const pumps = new Set<Promise<void>>();

  /** Whether a pump has more to relay, reading set-aside entries back when the queue is empty. */
  async function more(): Promise<boolean> {
    if (queue.queued() === 0 && queue.hasSetAside()) await queue.readBack();
    return queue.queued() > 0;
  }

  function pump(): void {
    // With an empty queue, one pump still starts for set-aside entries (it reads them back first).
    while (pumps.size < deps.pipelines && (queue.queued() > 0 || (pumps.size === 0 && queue.hasSetAside()))) {
      const running: Promise<void> = (async () => {
        while (await more()) {
          const batch = queue.take(deps.batchSize);
          // A failed batch stays pending in the inbox (its lease expires, a sweep takes it): nothing is lost.
          await deps
            .deliver(batch)
            .catch((err: unknown) => deps.logger.warn('webhook relay batch failed; the sweep retries', { entries: batch.length, err }))
            .finally(() => queue.done(batch));
          if (queue.hasSetAside() && queue.queued() <= queue.maxQueued / 2) await queue.readBack();
        }
      })().finally(() => {
        pumps.delete(running);
        // Entries queued between the loop's last check and this callback get a pump of their own (set-aside
        // ones it could not read back wait for the next enqueue or sweep, not for a tight loop).
        if (queue.queued() > 0) pump();
      });
      pumps.add(running);
    }
  }

  return {
    pump,
    /** Resolves once every pump has stopped (the queue drained). */
    async idle(): Promise<void> {
      while (pumps.size > 0) await Promise.all(pumps);
    },
  };
}
