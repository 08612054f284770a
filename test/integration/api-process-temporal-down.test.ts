import { spawn, type ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import type { Connection as MongoConnection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongo } from '../../src/db/connection.js';
import { createWebhookInboxRepository } from '../../src/db/webhook-inbox/repository.js';
import { shipmentWorkflowId } from '../../src/domain/ids.js';
import { freePort } from '../../src/embedded/free-port.js';
import type { EmbeddedTemporal } from '../../src/embedded/temporal-server.js';
import { startTemporalDevServer } from '../../src/embedded/temporal-server.js';
import { SIM_API_KEY, SIM_WEBHOOK_SECRET } from '../support/carrier-sim.js';
import { eventually } from '../support/eventually.js';
import { orderBody, storefrontHeaders } from '../support/orders.js';
import { mongoUriFor, startTestMongo, uniqueName } from '../support/servers.js';
import { simWebhook } from '../support/sim-webhook.js';
import { ADMIN_KEY, STOREFRONT_KEY, STOREFRONT_LINK_KEYS, TRACKING_LINK_KEYS } from '../support/test-config.js';

// The real API process (src/bin/api.ts) started while nothing listens at its Temporal address.
let api: ChildProcess;
let apiUrl: string;
let temporalPort: number;
let temporal: EmbeddedTemporal | undefined;
let mongo: MongoConnection;
const output: string[] = [];

beforeAll(async () => {
  const mongoServer = await startTestMongo();
  const mongoUri = mongoUriFor(mongoServer.uri, uniqueName('apidown'));
  mongo = await connectMongo(mongoUri);
  temporalPort = await freePort();
  const httpPort = await freePort();
  apiUrl = `http://127.0.0.1:${httpPort}`;
  api = spawn(process.execPath, ['--import', 'tsx', 'src/bin/api.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(httpPort),
      PUBLIC_BASE_URL: apiUrl,
      STOREFRONT_API_KEYS: STOREFRONT_KEY,
      ADMIN_API_KEYS: ADMIN_KEY,
      TRACKING_LINK_KEYS,
      STOREFRONT_LINK_KEYS,
      MONGODB_URI: mongoUri,
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      // Never called here: the order brings its tracking number, and no worker runs.
      CARRIER_SIMULATOR_URL: 'http://127.0.0.1:9',
      CARRIER_SIMULATOR_API_KEY: SIM_API_KEY,
      CARRIER_SIMULATOR_WEBHOOK_SECRET: SIM_WEBHOOK_SECRET,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  api.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const listening = await eventually(() => fetch(`${apiUrl}/healthz`).then((r) => r.status, () => 0), (status) => status !== 0, 30_000);
  if (listening === 0) throw new Error('the API process did not start listening');
}, 60_000);

afterAll(async () => {
  if (api && api.exitCode === null) {
    const exited = new Promise((done) => api.once('exit', done));
    api.kill('SIGTERM');
    await exited;
  }
  await temporal?.stop();
  await mongo?.close();
});

describe('the API process started while Temporal is unreachable', () => {
  it('serves, stores orders and webhooks, and hands them to Temporal once it answers', async () => {
    // Up, but degraded: MongoDB answers, Temporal does not (and the log says so, below).
    const health = await fetch(`${apiUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ mongo: true, temporal: false });
    const code = uniqueName('APIDOWN');
    const body = orderBody(code);
    const placed = await fetch(`${apiUrl}/api/v1/orders`, { method: 'POST', headers: storefrontHeaders({ 'idempotency-key': `key-${code}` }), body: JSON.stringify(body) });
    expect(placed.status).toBe(201);

    const hook = simWebhook(body.shipping.trackingNumber, { eventId: `${code}-pu`, code: 'PU' });
    const accepted = await fetch(`${apiUrl}/webhooks/simulator`, { method: 'POST', headers: hook.headers, body: hook.body });
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    const inbox = createWebhookInboxRepository(mongo);
    expect(await inbox.findById(id)).not.toBeNull();
    expect(await eventually(async () => output.join(''), (text) => text.includes('temporal unreachable'), 20_000)).toContain('temporal unreachable');

    // Temporal comes up at the address the API was given: the order's workflow starts and the stored
    // webhook reaches it, with no restart of the API.
    temporal = await startTemporalDevServer({ strict: true, port: temporalPort });
    const client = new Client({ connection: await Connection.connect({ address: temporal.address }), namespace: temporal.namespace });
    const handle = client.workflow.getHandle(shipmentWorkflowId(code));
    expect(await eventually(() => handle.describe().then((d) => d.status.name as string, () => 'NOT_FOUND'), (status) => status === 'RUNNING', 60_000)).toBe('RUNNING');
    expect((await eventually(() => inbox.findById(id), (entry) => entry?.status === 'relayed', 60_000))?.status).toBe('relayed');
    const history = await handle.fetchHistory();
    expect(history.events?.some((e) => e.workflowExecutionSignaledEventAttributes)).toBe(true);
    expect(await eventually(() => fetch(`${apiUrl}/healthz`).then((r) => r.status), (status) => status === 200, 30_000)).toBe(200);
    await client.connection.close();
  }, 150_000);
});
