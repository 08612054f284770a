import { serve } from '@hono/node-server';
import { createApp } from '../api/create-app.js';
import { loadConfig, requireServiceConfig } from '../config/load-config.js';
import { connectMongo } from '../db/connection.js';
import { createLogger } from '../observability/logger.js';
import { createServices } from '../services/services.js';
import { connectTemporalClient } from '../temporal/connect-client.js';
import { onShutdown } from './shutdown.js';

/** How often the API retries starting workflows for orders accepted while Temporal was down. */
const PENDING_START_INTERVAL_MS = 5_000;
/** How often the API retries relaying stored webhooks that could not be signalled yet. */
const WEBHOOK_RELAY_INTERVAL_MS = 1_000;

/** The HTTP API process: storefront, tracking pages, admin and carrier webhooks. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  requireServiceConfig(config, { storefrontKeys: true });
  const logger = createLogger(config.logLevel, { service: 'api' });

  const mongo = await connectMongo(config.mongo.uri);
  const temporal = await connectTemporalClient(config.temporal.address, config.temporal.namespace);
  const services = createServices({ mongo, temporal, config, logger });
  const app = createApp({
    services,
    logger,
    auth: config.auth,
    publicBaseUrl: config.http.publicBaseUrl,
    webhookMaxBodyBytes: config.webhooks.maxBodyBytes,
  });

  const server = serve({ fetch: app.fetch, hostname: config.http.host, port: config.http.port }, (info) =>
    logger.info('api listening', { url: `http://${info.address}:${info.port}`, publicBaseUrl: config.http.publicBaseUrl }),
  );
  // Relay loops: orders and webhooks accepted while Temporal was unreachable are delivered once it is back.
  const relay = setInterval(() => {
    services.workflowStarter.startPending().catch((err: unknown) => logger.warn('pending start sweep failed', { err }));
  }, PENDING_START_INTERVAL_MS);
  const webhookRelay = setInterval(() => {
    services.webhookRelay.sweep().catch((err: unknown) => logger.warn('webhook relay sweep failed', { err }));
  }, WEBHOOK_RELAY_INTERVAL_MS);

  onShutdown(logger, async () => {
    clearInterval(relay);
    clearInterval(webhookRelay);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await temporal.connection.close();
    await mongo.close();
    logger.info('api stopped');
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
