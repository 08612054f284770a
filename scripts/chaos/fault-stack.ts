/**
 * The whole system on loopback for fault injection: every part can be stopped and started again where it
 * was. The Temporal dev server keeps its state in a SQLite file and the MongoDB-wire server in a data
 * directory, both on fixed ports, so a restart is the same server with the same data; the API and the
 * worker are real processes (src/bin) that can be SIGKILLed. Unlike scripts/bench/local-stack.ts (an
 * in-memory Temporal server, the API inside the benchmark), nothing here lives in the caller's process
 * except the carrier simulator and the clients the checks read with.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { connectMongo, type DbConnection } from '../../src/db/connection.js';
import { freePort } from '../../src/embedded/free-port.js';
import { startCarrierSim, type RunningCarrierSim } from '../../src/simulators/carrier/start-carrier-sim.js';
import { connectTemporalClient } from '../../src/temporal/connect-client.js';
import { restartableMongo, restartableTemporal, type RestartableServer } from './restartable-servers.js';
import { startServiceProcess, type ServiceName, type ServiceProcess } from './service-process.js';

export interface FaultStackOptions {
  /** SHIPMENT_POLL_INTERVAL (long: the load comes through webhooks, polls would only add noise). */
  pollInterval?: string;
  /** Where each process's output goes (a log sink, a test's buffer). */
  output: (source: ServiceName, text: string) => void;
  /** Start the worker process (tests of the API alone leave it out). */
  worker?: boolean;
  /** Further environment for both processes. */
  env?: Record<string, string>;
}

export interface FaultStack {
  runId: string;
  apiUrl: string;
  storefrontKey: string;
  simWebhookSecret: string;
  taskQueue: string;
  sim: RunningCarrierSim;
  temporalServer: RestartableServer;
  mongoServer: RestartableServer;
  api: ServiceProcess;
  worker?: ServiceProcess;
  /** Waits until `service` logged that it is ready (listening, or polling its task queue). */
  ready(service: ServiceProcess, timeoutMs?: number): Promise<void>;
  /** The checks' own clients (they reconnect on their own after a server restart). */
  clients(): Promise<{ mongo: DbConnection; temporal: Client }>;
  stop(): Promise<void>;
}

const READY: Record<ServiceName, RegExp> = { api: /"api listening"|api listening/, worker: /worker started/ };

/** Starts servers, simulator, API and (optionally) worker; `stop()` ends them all and removes the data. */
export async function startFaultStack(options: FaultStackOptions): Promise<FaultStack> {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const tmp = mkdtempSync(join(tmpdir(), 'ot-chaos-'));
  // Reachable by the postgres account when an embedded PostgreSQL runs as it (we run as root).
  chmodSync(tmp, 0o711);
  const secrets = {
    storefront: `sk_chaos_${randomBytes(12).toString('hex')}`,
    admin: `ak_chaos_${randomBytes(12).toString('hex')}`,
    simApi: `sim_chaos_${randomBytes(8).toString('hex')}`,
    simWebhook: `whsec_chaos_${randomBytes(8).toString('hex')}`,
  };
  const [temporalPort, mongoPort, apiPort] = [await freePort(), await freePort(), await freePort()];

  const temporalServer = restartableTemporal(temporalPort, tmp);
  const mongoServer = restartableMongo(mongoPort, tmp);
  const sim = await startCarrierSim({ port: 0, host: '127.0.0.1', apiKey: secrets.simApi });
  await Promise.all([temporalServer.start(), mongoServer.start()]);

  const taskQueue = `chaos-${runId}`;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(apiPort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
    TEMPORAL_ADDRESS: temporalServer.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    MONGODB_URI: `mongodb://${mongoServer.address}/chaos_${runId}`,
    STOREFRONT_API_KEYS: secrets.storefront,
    ADMIN_API_KEYS: secrets.admin,
    TRACKING_LINK_KEYS: `chaos:${randomBytes(32).toString('hex')}`,
    STOREFRONT_LINK_KEYS: `chaos:${randomBytes(32).toString('hex')}`,
    CARRIER_SIMULATOR_URL: sim.url,
    CARRIER_SIMULATOR_API_KEY: secrets.simApi,
    CARRIER_SIMULATOR_WEBHOOK_SECRET: secrets.simWebhook,
    // The worker refuses to start without a ship-from address where a configured carrier creates shipments.
    SHIP_FROM_NAME: 'Chaos Shop',
    SHIP_FROM_LINE1: '1 Chaos St',
    SHIP_FROM_CITY: 'Portland',
    SHIP_FROM_POSTAL_CODE: '97209',
    SHIP_FROM_COUNTRY: 'US',
    SHIPMENT_POLL_INTERVAL: options.pollInterval ?? '30m',
    // Delivered shipments stay open for the whole run, so the checks query running workflows.
    DELIVERED_GRACE_PERIOD: '2h',
    ...options.env,
  };

  const waiters = new Map<ServiceName, { seen: boolean; wake?: () => void }>();
  const watch = (name: ServiceName) => (text: string) => {
    options.output(name, text);
    const w = waiters.get(name);
    if (w && READY[name].test(text)) {
      w.seen = true;
      w.wake?.();
    }
  };
  const ready = async (service: ServiceProcess, timeoutMs = 180_000) => {
    const w = waiters.get(service.name)!;
    if (w.seen) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${service.name} did not become ready within ${timeoutMs / 1000} s`)), timeoutMs);
      w.wake = () => {
        clearTimeout(timer);
        resolve();
      };
      void service.exited().then(() => {
        if (!w.seen) reject(new Error(`${service.name} exited before it was ready`));
      });
    });
  };
  /** Starts a service and forgets its earlier readiness on every restart. */
  const launch = (name: ServiceName): ServiceProcess => {
    waiters.set(name, { seen: false });
    const service = startServiceProcess(name, env, watch(name));
    const restart = service.restart.bind(service);
    service.restart = () => {
      waiters.set(name, { seen: false });
      restart();
    };
    return service;
  };
  const api = launch('api');
  const worker = options.worker === false ? undefined : launch('worker');

  let clients: Promise<{ mongo: DbConnection; temporal: Client }> | undefined;
  const stack: FaultStack = {
    runId,
    apiUrl: env.PUBLIC_BASE_URL!,
    storefrontKey: secrets.storefront,
    simWebhookSecret: secrets.simWebhook,
    taskQueue,
    sim,
    temporalServer,
    mongoServer,
    api,
    ...(worker ? { worker } : {}),
    ready,
    clients: () => {
      clients ??= Promise.all([connectMongo(env.MONGODB_URI!), connectTemporalClient(temporalServer.address, 'default')]).then(([m, t]) => ({ mongo: m, temporal: t }));
      return clients;
    },
    stop: async () => {
      await Promise.all([api.stop(), worker?.stop()]);
      if (clients) {
        const c = await clients.catch(() => undefined);
        await c?.temporal.connection.close().catch(() => {});
        await c?.mongo.close().catch(() => {});
      }
      await Promise.all([temporalServer.stop(), mongoServer.stop(), sim.stop()]);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all([ready(api), worker ? ready(worker) : undefined]);
  } catch (err) {
    await stack.stop();
    throw err;
  }
  return stack;
}
