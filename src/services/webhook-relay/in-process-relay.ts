import { createBatchDelivery } from './batch-delivery.js';
import { createLeaseSweep } from './lease-sweep.js';
import { RELAY_LIMITS } from './relay-policy.js';
import { createRelayPumps } from './relay-pumps.js';
import { createRelayQueue } from './relay-queue.js';
import type { WebhookRelay, WebhookRelayDeps } from './relay-types.js';
import { createRematch } from './rematch.js';
import { createOrderSignaller } from './signal-order.js';

/**
 * Relays inbox entries to shipment workflows as signals (signal-with-start where the start is not
 * confirmed, so a webhook that races it is never lost); a workflow that already ended marks the delivery
 * `closed`.
 *
 * Work is batched: fresh entries come straight from the intake (no re-read), an order is looked up once per
 * batch however many of its webhooks it holds and its workflow gets one signal for all of them, and
 * outcomes are saved together. Entries whose relay failed, or whose process died, come back through `sweep()`.
 */
export function createInProcessRelay(deps: WebhookRelayDeps): WebhookRelay {
  const batchSize = deps.batchSize ?? RELAY_LIMITS.batchSize;
  const queue = createRelayQueue({
    inbox: deps.inbox,
    logger: deps.logger,
    maxQueued: deps.maxQueued ?? RELAY_LIMITS.maxQueued,
    maxSetAside: deps.maxSetAside ?? RELAY_LIMITS.maxSetAside,
    ...(deps.onReleased ? { onReleased: deps.onReleased } : {}),
  });
  const deliverBatch = createBatchDelivery({
    inbox: deps.inbox,
    orders: deps.orders,
    signalOrder: createOrderSignaller(deps),
    logger: deps.logger,
    now: deps.now,
    signalConcurrency: deps.signalConcurrency ?? RELAY_LIMITS.signalConcurrency,
  });
  const pumps = createRelayPumps({ queue, deliver: deliverBatch, logger: deps.logger, batchSize, pipelines: deps.pipelines ?? RELAY_LIMITS.pipelines });
  const sweep = createLeaseSweep({
    inbox: deps.inbox,
    queue,
    deliverBatch,
    pump: pumps.pump,
    now: deps.now,
    batchSize,
    ...(deps.onReleased ? { onReleased: deps.onReleased } : {}),
  });
  const rematch = createRematch({ inbox: deps.inbox, deliverBatch });

  return {
    enqueue(entries) {
      queue.enqueue(entries);
      pumps.pump();
    },
    adopt(items) {
      queue.adopt(items);
      pumps.pump();
    },
    backlog: queue.backlog,
    owes: queue.owes,
    idle: pumps.idle,
    // Nothing to release in-process (a relay thread stops its thread).
    close: async () => {},
    sweep,
    rematch: rematch.rematch,
    rematchTrackingNumber: rematch.rematchTrackingNumber,
  };
}
