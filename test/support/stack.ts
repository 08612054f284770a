import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createActivities } from '../../activities/index.js';
import { createApp, type AppEnv } from '../../src/api/create-app.js';
import type { CarrierRegistry } from '../../src/carriers/registry.js';
import { createCarrierRegistryFromConfig } from '../../src/carriers/registry-from-config.js';
import type { AppConfig } from '../../src/config/load-config.js';
import { connectMongo } from '../../src/db/connection.js';
import type { EmbeddedTemporal } from '../../src/embedded/temporal-server.js';
import { createLogger } from '../../src/observability/logger.js';
import { createServices, type Services } from '../../src/services/services.js';
import { createAlertRepository } from '../../src/db/alerts/repository.js';
import { createCustomerRepository } from '../../src/db/customers/repository.js';
import { createNotificationRepository } from '../../src/db/notifications/repository.js';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import { createProjectionRepository } from '../../src/db/shipments/projection-repository.js';
import { createShipmentWorker } from '../../src/temporal/create-worker.js';
import { createCustomerPages } from '../../src/bin/customer-pages.js';
import { createAdminPages } from '../../src/bin/admin-pages.js';
import { socketIp } from '../../src/web/routes/lookup-routes.js';
import { trackingPageUrlSigner } from '../../src/web/links/tracking-page-url.js';
import { mongoUriFor, uniqueName, workflowBundle, type TestMongo } from './servers.js';
import { testConfig } from './test-config.js';
import { createAbuseLimits } from '../../src/api/middleware/abuse-limits.js';
import { createRateLimitRepository } from '../../src/db/rate-limits/repository.js';

export interface TestStack {
  config: AppConfig;
  mongo: Connection;
  temporal: Client;
  services: Services;
  /** The read model's repositories, for tests to look behind the API (services expose none). */
  repos: TestRepositories;
  /** The carriers the stack's services and worker use. */
  carriers: CarrierRegistry;
  app: OpenAPIHono<AppEnv>;
  /** Absent with `startWorker: false` (tests that run the worker as a separate process). */
  worker?: Worker;
  stop(): Promise<void>;
}

/** Repositories over a stack's database. */
export function testRepositories(mongo: Connection) {
  return {
    orders: createOrderRepository(mongo),
    customers: createCustomerRepository(mongo),
    projections: createProjectionRepository(mongo),
    notifications: createNotificationRepository(mongo),
    alerts: createAlertRepository(mongo),
  };
}

export type TestRepositories = ReturnType<typeof testRepositories>;

/**
 * API services + a running worker against real servers, isolated by a unique database and task queue.
 * The worker runs in this process so tests can stop it (crash tests) and start another.
 */
export async function startStack(options: {
  mongoServer: TestMongo;
  temporalServer: EmbeddedTemporal;
  env?: Record<string, string>;
  carriers?: CarrierRegistry;
  startWorker?: boolean;
}): Promise<TestStack> {
  const dbName = uniqueName('db').replace(/-/g, '_');
  const config = testConfig({
    MONGODB_URI: mongoUriFor(options.mongoServer.uri, dbName),
    TEMPORAL_ADDRESS: options.temporalServer.address,
    TEMPORAL_TASK_QUEUE: uniqueName('tq'),
    ...options.env,
  });
  const logger = createLogger('silent');
  const mongo = await connectMongo(config.mongo.uri!);
  const temporal = options.temporalServer.env.client;
  const carriers = options.carriers ?? createCarrierRegistryFromConfig(config.carriers);
  const web = config.web;
  const services = createServices({ mongo, temporal, config, logger, carriers, ...(web ? { trackingPageUrl: trackingPageUrlSigner(web) } : {}) });
  // The customer pages, mounted as the API process mounts them (src/bin/api.ts).
  const pages = web ? createCustomerPages({ services, settings: web, logger }) : undefined;
  const app = createApp({
    services,
    logger,
    auth: config.auth,
    publicBaseUrl: config.http.publicBaseUrl,
    webhookMaxBodyBytes: config.webhooks.maxBodyBytes,
    extraRouters: [
      ...(pages ? [{ path: '/', router: pages.router }] : []),
      // The admin pages, as src/bin/api.ts mounts them (plain http in tests: no Secure cookies).
      {
        path: '/admin',
        router: createAdminPages({
          mongo,
          services,
          auth: services.adminAuth,
          actions: services.adminActions,
          secureCookies: false,
          temporalUi: { baseUrl: 'http://temporal-ui.test', namespace: config.temporal.namespace },
          clientIp: socketIp,
          logger,
        }),
      },
    ],
    abuseLimits: createAbuseLimits({ counter: createRateLimitRepository(mongo), ...config.rateLimits }),
  });
  const worker =
    options.startWorker === false
      ? undefined
      : await createShipmentWorker({
    connection: options.temporalServer.env.nativeConnection,
    namespace: options.temporalServer.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: createActivities({ mongo, logger, config, carriers, temporal, ...(config.web ? { trackingPageUrl: trackingPageUrlSigner(config.web) } : {}) }),
    workflowBundle: await workflowBundle(),
    workflowTaskPolls: config.temporal.workflowTaskPolls,
  });
  const running = worker ? worker.run() : Promise.resolve();
  return {
    config,
    mongo,
    temporal,
    services,
    repos: testRepositories(mongo),
    carriers,
    app,
    worker,
    stop: async () => {
      await pages?.stop();
      if (worker?.getState() === 'RUNNING') worker.shutdown();
      await running;
      await mongo.close();
    },
  };
}
