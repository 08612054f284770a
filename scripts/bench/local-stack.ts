/**
 * The whole system on loopback, on free ports, for one benchmark run: embedded Temporal dev server
 * (in-memory), embedded MongoDB-wire server (temp dir), carrier simulator, the API served over real HTTP
 * in this process, and optionally the worker as a separate process. Never the dev ports or `.data/`.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { createApp } from '../../src/api/create-app.js';
import { loadConfig, type AppConfig } from '../../src/config/load-config.js';
import { connectMongo, type DbConnection } from '../../src/db/connection.js';
import { freePort } from '../../src/embedded/free-port.js';
import { startEmbeddedMongo, type FerretDbBackend } from '../../src/embedded/mongo-server.js';
import { startTemporalDevServer } from '../../src/embedded/temporal-server.js';
import { projectRoot } from '../../src/embedded/tool-paths.js';
import { createLogger } from '../../src/observability/logger.js';
import { startRelayLoops } from '../../src/services/webhook-relay/relay-loops.js';
import { startReportFolding } from '../../src/services/reports/report-folding.js';
import { createServices, type Services } from '../../src/services/services.js';
import { startCarrierSim, type RunningCarrierSim } from '../../src/simulators/carrier/start-carrier-sim.js';
import { connectTemporalClient } from '../../src/temporal/connect-client.js';
import { externalMongo } from './bench-mongo.js';
import { onCleanup } from './cleanup.js';
import { logSink } from './log-sink.js';
import { startWorkerProcess, waitForPoller, type WorkerProcess } from './worker-process.js';

export interface LocalStackOptions {
  /** SHIPMENT_POLL_INTERVAL for the workflows (benchmarks keep it long so polls do not interfere). */
  pollInterval: string;
  /** Start the worker process (the webhook benchmark can run without one). */
  worker: boolean;
  /** MongoDB driver pool size per process (`maxPoolSize` in the URI); undefined = the driver's default (100). */
  mongoPoolSize?: number;
  /**
   * More variables for the API and the worker (e.g. SMTP_* and TWILIO_* of the notification benchmark),
   * given the API's URL so they can name it (PUBLIC_BASE_URL, where Twilio's status callbacks go).
   */
  extraEnv?: (apiUrl: string) => Record<string, string>;
}

export interface LocalStack {
  runId: string;
  apiUrl: string;
  storefrontKey: string;
  simWebhookSecret: string;
  config: AppConfig;
  mongoKind: string;
  sim: RunningCarrierSim;
  services: Services;
  mongo: DbConnection;
  temporal: Client;
  worker?: WorkerProcess;
}

/** The server's URI pointed at the run's own database, with an optional driver pool size. */
function databaseUri(base: string, dbName: string, poolSize: number | undefined): string {
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  if (poolSize) url.searchParams.set('maxPoolSize', String(poolSize));
  return url.toString();
}

/** Starts the stack; everything it starts is stopped by `cleanupAll()` (see cleanup.ts). */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const root = projectRoot();
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const tmp = mkdtempSync(join(tmpdir(), 'ot-bench-'));
  // Reachable by the postgres account when an embedded PostgreSQL runs as it (we run as root).
  chmodSync(tmp, 0o711);
  onCleanup('temp dir', async () => rmSync(tmp, { recursive: true, force: true }));
  const secrets = {
    storefront: `sk_bench_${randomBytes(12).toString('hex')}`,
    admin: `ak_bench_${randomBytes(12).toString('hex')}`,
    simApi: `sim_bench_${randomBytes(8).toString('hex')}`,
    simWebhook: `whsec_bench_${randomBytes(8).toString('hex')}`,
  };

  console.log('[bench] starting Temporal dev server (in-memory), MongoDB-wire server and carrier simulator…');
  const external = process.env.BENCH_MONGODB_URI;
  const [temporalServer, mongoServer, sim] = await Promise.all([
    startTemporalDevServer({ strict: true }),
    external
      ? externalMongo(external)
      : startEmbeddedMongo({
          mode: (process.env.EMBEDDED_MONGO as 'auto' | undefined) ?? 'auto',
          ferretdbBackend: (process.env.FERRETDB_BACKEND as FerretDbBackend | undefined) ?? 'auto',
          dataDir: join(tmp, 'mongo'),
          ephemeral: true,
        }),
    startCarrierSim({ port: 0, host: '127.0.0.1', apiKey: secrets.simApi }),
  ]);
  // Registered in start order; cleanupAll runs them in reverse.
  onCleanup('Temporal dev server', () => temporalServer.stop());
  onCleanup('MongoDB-wire server', () => mongoServer.stop());
  onCleanup('carrier simulator', () => sim.stop());

  const apiPort = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(apiPort),
    TEMPORAL_ADDRESS: temporalServer.address,
    TEMPORAL_NAMESPACE: temporalServer.namespace,
    TEMPORAL_TASK_QUEUE: `bench-${runId}`,
    MONGODB_URI: databaseUri(mongoServer.uri, `bench_${runId}`, options.mongoPoolSize),
    STOREFRONT_API_KEYS: secrets.storefront,
    ADMIN_API_KEYS: secrets.admin,
    CARRIER_SIMULATOR_URL: sim.url,
    CARRIER_SIMULATOR_API_KEY: secrets.simApi,
    CARRIER_SIMULATOR_WEBHOOK_SECRET: secrets.simWebhook,
    SHIPMENT_POLL_INTERVAL: options.pollInterval,
    // The simulator creates shipments, and a production worker refuses to start without a ship-from.
    SHIP_FROM_NAME: 'Bench Shop',
    SHIP_FROM_LINE1: '1 Bench St',
    SHIP_FROM_CITY: 'Portland',
    SHIP_FROM_POSTAL_CODE: '97209',
    SHIP_FROM_COUNTRY: 'US',
    // The one production setting a run may vary: `WEBHOOK_RELAY_THREAD=false npm run bench:…`.
    ...(process.env.WEBHOOK_RELAY_THREAD ? { WEBHOOK_RELAY_THREAD: process.env.WEBHOOK_RELAY_THREAD } : {}),
    ...options.extraEnv?.(`http://127.0.0.1:${apiPort}`),
  };
  const config = loadConfig(env);
  const logger = createLogger('warn', { service: 'api' }, logSink('api'));
  const mongo = await connectMongo(env.MONGODB_URI!);
  const temporal = await connectTemporalClient(env.TEMPORAL_ADDRESS!, env.TEMPORAL_NAMESPACE!);
  onCleanup('API connections', async () => {
    await temporal.connection.close();
    // The run's database is the benchmark's own; on a server we did not start, leave nothing behind.
    if (external) await mongo.dropDatabase();
    await mongo.close();
  });
  // As in the API process: the relay in a thread of its own unless WEBHOOK_RELAY_THREAD=false.
  const services = createServices({ mongo, temporal, config, logger, relayThread: config.webhooks.relayThread });
  const app = createApp({ services, logger, auth: config.auth, publicBaseUrl: config.http.publicBaseUrl, webhookMaxBodyBytes: config.webhooks.maxBodyBytes });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: apiPort }, () => resolve(s));
    s.once('error', reject);
  });
  // Inbox retention hourly as in production, but its first run an hour after start rather than a minute:
  // a benchmark's inbox holds nothing past retention, and on FerretDB (which filters an _id range itself,
  // reading every entry) that run doubled FerretDB's CPU for 10 s, inside any load that ran at the time.
  const stopRelays = startRelayLoops(services, logger, { inboxRetentionMs: config.webhooks.inboxRetentionMs, retentionFirstRunMs: 3_600_000 });
  // As in the API process: the report rollup's folder runs beside the relays.
  const stopFolding = startReportFolding(mongo, logger);
  onCleanup('API server', async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
    await stopRelays();
    await stopFolding();
  });
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let worker: WorkerProcess | undefined;
  if (options.worker) {
    console.log('[bench] starting the worker process (bundles the workflows first)…');
    worker = startWorkerProcess(root, env);
    onCleanup('worker process', () => worker!.stop());
    await waitForPoller(temporal, env.TEMPORAL_NAMESPACE!, env.TEMPORAL_TASK_QUEUE!, worker, 180_000);
  }
  console.log(`[bench] stack ready: API ${apiUrl}, Temporal ${temporalServer.address}, ${mongoServer.description} ${mongoServer.uri}, simulator ${sim.url}`);

  return {
    runId,
    apiUrl,
    storefrontKey: secrets.storefront,
    simWebhookSecret: secrets.simWebhook,
    config,
    mongoKind: mongoServer.description,
    sim,
    services,
    mongo,
    temporal,
    ...(worker ? { worker } : {}),
  };
}
