/**
 * Entry of the webhook relay thread: the relay (order look-ups, signals to Temporal, receipts) runs here
 * on connections of its own, so its work does not queue behind, or ahead of, the HTTP answers on the
 * API's event loop. The process keeps the intake (inbox writes before each 2xx) and the relay leases.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectMongo } from '../../../db/connection.js';
import { createOrderRepository } from '../../../db/orders/repository.js';
import { createLogger } from '../../../observability/logger.js';
import { lazyTemporalClient } from '../../../temporal/connect-client.js';
import { createWorkflowStarter } from '../../workflow-starter.js';
import { createRelay } from '../create-relay.js';
import { createRelayInbox } from '../relay-inbox.js';
import { lowerThisThreadPriority } from './thread-priority.js';
import type { FromRelayThread, RelayCall, RelayThreadData, ToRelayThread } from './messages.js';

const port = parentPort!;
const data = workerData as RelayThreadData;
const post = (message: FromRelayThread) => port.postMessage(message);

const logger = createLogger(data.logLevel, { ...data.logFields, thread: 'webhook-relay' });

async function main(): Promise<void> {
  const priority = lowerThisThreadPriority(data.niceSteps);
  if (priority.lowered) logger.debug('webhook relay thread runs at a lower CPU priority', { nice: priority.nice, tid: priority.tid });
  else if (data.niceSteps > 0) logger.warn('webhook relay thread keeps the API thread\'s CPU priority', { reason: priority.reason });
  // Messages that arrive while the connections open wait here, in order.
  const early: ToRelayThread[] = [];
  let handle = (message: ToRelayThread) => void early.push(message);
  port.on('message', (message: ToRelayThread) => handle(message));

  const mongo = await connectMongo(data.mongoUri);
  const temporal = lazyTemporalClient(data.temporal.address, data.temporal.namespace, logger);
  const now = () => new Date();
  const orders = createOrderRepository(mongo);
  const inbox = createRelayInbox(mongo, { leaseOwner: data.leaseOwner, onSettled: (items) => post({ type: 'settled', items }) });
  const workflows = createWorkflowStarter({ temporal, taskQueue: data.temporal.taskQueue, settings: data.settings, orders, logger, now });
  const relay = createRelay({ inbox, orders, temporal, workflows, logger, now, onReleased: (ids) => post({ type: 'released', ids }) });

  const run = (request: RelayCall): Promise<unknown> => {
    switch (request.method) {
      case 'sweep':
        return relay.sweep(...request.args);
      case 'idle':
        return relay.idle();
      case 'rematch':
        return relay.rematch(...request.args);
      case 'rematchTrackingNumber':
        return relay.rematchTrackingNumber(...request.args);
    }
  };
  const call = async (message: Extract<ToRelayThread, { type: 'call' }>) => {
    try {
      post({ type: 'reply', id: message.id, ok: true, value: (await run(message)) ?? null });
    } catch (err) {
      post({ type: 'reply', id: message.id, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  };
  const close = async () => {
    await relay.idle();
    await temporal.connection.close();
    await mongo.close();
    post({ type: 'closed' });
    // Ends this thread only, even if a library left a handle open.
    process.exit(0);
  };
  handle = (message) => {
    if (message.type === 'enqueue') relay.enqueue(message.entries);
    else if (message.type === 'adopt') relay.adopt(message.items);
    else if (message.type === 'call') void call(message);
    else void close().catch((err: unknown) => logger.error('webhook relay thread did not close cleanly', { err }));
  };
  early.splice(0).forEach(handle);
}

main().catch((err: unknown) => {
  // The process restarts the thread; its entries stay in the inbox under their leases meanwhile.
  logger.error('webhook relay thread failed to start', { err });
  process.exit(1); // in a worker thread this ends the thread only
});
