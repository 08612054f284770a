import { serve } from '@hono/node-server';
import { createApp } from '../api/create-app.js';
import { loadConfig, requireServiceConfig } from '../config/load-config.js';
import { connectMongo } from '../db/connection.js';
import { createLogger } from '../observability/logger.js';
import { startRelayLoops } from '../services/webhook-relay/relay-loops.js';
import { startReportFolding } from '../services/reports/report-folding.js';
import { createServices } from '../services/services.js';
import { lazyTemporalClient } from '../temporal/connect-client.js';
import { trackingPageUrlSigner } from '../web/links/tracking-page-url.js';
import { createAdminPages } from './admin-pages.js';
import { createCustomerPages, forwardedIp } from './customer-pages.js';
import { socketIp } from '../web/routes/lookup-routes.js';
import { onShutdown } from './shutdown.js';
import { createAbuseLimits } from '../api/middleware/abuse-limits.js';
import { createRateLimitRepository } from '../db/rate-limits/repository.js';
import { pushStatusLine } from '../notifications/push/push-status.js';

/** Open live streams (SSE) never end by themselves: at shutdown they are cut after this grace (pages reconnect elsewhere). */
const STREAM_CLOSE_GRACE_MS = 3_000;

/** The HTTP API process: storefront, tracking pages, admin and carrier webhooks. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  requireServiceConfig(config, { storefrontKeys: true, trackingLinks: true });
  const web = config.web!;
  const logger = createLogger(config.logLevel, { service: 'api' });
  logger.info(pushStatusLine(config.notifications.channels.push));

  const mongo = await connectMongo(config.mongo.uri);
  // Not awaited: the API serves (and stores) while Temporal is unreachable.
  const temporal = lazyTemporalClient(config.temporal.address, config.temporal.namespace, logger);
  const services = createServices({
    mongo,
    temporal,
    config,
    logger,
    relayThread: config.webhooks.relayThread,
    trackingPageUrl: trackingPageUrlSigner(web),
  });
  // The first admin from ADMIN_BOOTSTRAP_USER, only while there is none (the password is never logged).
  const bootstrapped = await services.adminAuth.bootstrapAdmin(config.auth.bootstrapUser);
  if (bootstrapped) logger.info('first admin user created from ADMIN_BOOTSTRAP_USER', { email: bootstrapped.email });
  const pages = createCustomerPages({ services, settings: web, logger });
  const adminPages = createAdminPages({
    mongo,
    services,
    auth: services.adminAuth,
    actions: services.adminActions,
    secureCookies: config.env === 'production' || config.http.publicBaseUrl.startsWith('https://'),
    ...(config.temporal.uiUrl ? { temporalUi: { baseUrl: config.temporal.uiUrl, namespace: config.temporal.namespace } } : {}),
    clientIp: web.trustProxy ? forwardedIp : socketIp,
    logger,
  });
  const app = createApp({
    services,
    logger,
    auth: config.auth,
    publicBaseUrl: config.http.publicBaseUrl,
    webhookMaxBodyBytes: config.webhooks.maxBodyBytes,
    extraRouters: [
      { path: '/', router: pages.router },
      { path: '/admin', router: adminPages },
    ],
    abuseLimits: createAbuseLimits({ counter: createRateLimitRepository(mongo), ...config.rateLimits }),
  });

  const server = serve({ fetch: app.fetch, hostname: config.http.host, port: config.http.port }, (info) =>
    logger.info('api listening', { url: `http://${info.address}:${info.port}`, publicBaseUrl: config.http.publicBaseUrl }),
  );
  const stopRelays = startRelayLoops(services, logger, { inboxRetentionMs: config.webhooks.inboxRetentionMs });
  // The report rollup's folder: the read model's writers only mark buckets dirty.
  const stopFolding = startReportFolding(mongo, logger);

  onShutdown(logger, async () => {
    await pages.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const cut = setTimeout(() => (server as { closeAllConnections?: () => void }).closeAllConnections?.(), STREAM_CLOSE_GRACE_MS);
    cut.unref();
    await closed;
    // After the server: webhooks accepted in its last moments are relayed before the connections close.
    await stopRelays();
    await stopFolding();
    await temporal.connection.close();
    await mongo.close();
    logger.info('api stopped');
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
