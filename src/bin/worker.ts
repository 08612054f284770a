import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import { createCarrierRegistryFromConfig } from '../carriers/registry-from-config.js';
import { loadConfig, requireServiceConfig, requireShipFrom } from '../config/load-config.js';
import { connectMongo } from '../db/connection.js';
import { createLogger } from '../observability/logger.js';
import { createShipmentWorker } from '../temporal/create-worker.js';
import { onShutdown } from './shutdown.js';
import { trackingPageUrlSigner } from '../web/links/tracking-page-url.js';
import { pushStatusLine } from '../notifications/push/push-status.js';

/** The Temporal worker process: runs ShipmentWorkflows and their activities. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  requireServiceConfig(config);
  const carriers = createCarrierRegistryFromConfig(config.carriers);
  requireShipFrom(config, carriers.list().filter((c) => c.capabilities.createShipment).map((c) => c.id));
  const logger = createLogger(config.logLevel, { service: 'worker' });
  // The SDK's own log (bundler output, worker state) follows LOG_LEVEL too.
  const sdkLevel = ({ debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR', silent: 'ERROR' } as const)[config.logLevel];
  Runtime.install({ logger: new DefaultLogger(sdkLevel) });

  const mongo = await connectMongo(config.mongo.uri);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  // A client for the workflows the activities start (a message's NotificationWorkflow, operator alerts).
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  const temporal = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
  const worker = await createShipmentWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: createActivities({ mongo, logger, config, carriers, temporal, ...(config.web ? { trackingPageUrl: trackingPageUrlSigner(config.web) } : {}) }),
    workflowTaskPolls: config.temporal.workflowTaskPolls,
  });

  // Drain: stop polling, let running tasks finish, then close connections.
  onShutdown(logger, async () => {
    worker.shutdown();
  });
  logger.info('worker started', { taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace });
  logger.info(pushStatusLine(config.notifications.channels.push));
  await worker.run();
  await connection.close();
  await clientConnection.close();
  await mongo.close();
  logger.info('worker stopped');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
