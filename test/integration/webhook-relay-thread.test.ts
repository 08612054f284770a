import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/create-app.js';
import type { EmbeddedTemporal } from '../../src/embedded/temporal-server.js';
import { createLogger } from '../../src/observability/logger.js';
import { createRelayInbox } from '../../src/services/webhook-relay/relay-inbox.js';
import { lowerThisThreadPriority } from '../../src/services/webhook-relay/thread/thread-priority.js';
import { createThreadedRelay } from '../../src/services/webhook-relay/thread/threaded-relay.js';
import { createServices, shipmentSettings, type Services } from '../../src/services/services.js';
import { startTestCarrierSim, type TestCarrierSim } from '../support/carrier-sim.js';
import { eventually } from '../support/eventually.js';
import { storeSimEvent } from '../support/inbox-entries.js';
import { placeSimulatorOrder } from '../support/lifecycle.js';
import { readJson } from '../support/read-json.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../support/servers.js';
import { simWebhook } from '../support/sim-webhook.js';
import { startStack, type TestStack } from '../support/stack.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let stack: TestStack;
/** Services as an API process builds them: the webhook relay in a worker thread. */
let threaded: Services;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  stack = await startStack({ mongoServer, temporalServer, carriers: sim.carriers });
  const logger = createLogger('silent');
  threaded = createServices({ mongo: stack.mongo, temporal: stack.temporal, config: stack.config, logger, carriers: stack.carriers, relayThread: true });
  app = createApp({ services: threaded, logger, auth: stack.config.auth, publicBaseUrl: 'http://t' });
});

afterAll(async () => {
  await threaded?.webhookRelay.close();
  await stack?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

const post = (body: Buffer | string, headers: Record<string, string>) => app.request('/webhooks/simulator', { method: 'POST', headers, body });

describe('webhook relay in a worker thread (real Temporal, real MongoDB wire server)', () => {
  it('relays a stored webhook from its thread, records the receipt, and settles the lease in the process that holds it', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('THREAD'), { prepare: (tn) => sim.manualShipment(tn) });
    const hook = simWebhook(order.trackingNumber, { eventId: `${order.code}-od`, code: 'OD' });
    const res = await post(hook.body, hook.headers);
    expect(res.status).toBe(202);
    const { id } = await readJson(res);

    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'out_for_delivery');
    const entry = await eventually(() => threaded.webhookInbox.findById(id), (e) => e?.status === 'relayed');
    expect(entry?.deliveries).toEqual([{ trackingNumber: order.trackingNumber, orderCode: order.code, state: 'delivered' }]);
    await eventually(async () => threaded.webhookRelay.backlog(), (n) => n === 0);
    // The thread reported the settlement: the process may close its lease (once it stores no more; with
    // the next bucket's, when that one was written ahead).
    const raw = await stack.mongo.db!.collection('webhook_inbox').findOne({ _id: new Types.ObjectId(id) });
    expect(raw?.lease).toEqual(expect.any(String));
    expect(await threaded.webhookInbox.releaseLeases(true)).toBeGreaterThanOrEqual(1);
    expect((await threaded.webhookInbox.expiredLeases(new Date(Date.now() + 3_600_000))).map((l) => l.key)).not.toContain(raw?.lease);
  });

  // Per-thread priority exists on Linux only; elsewhere the thread keeps the process's priority and says why.
  it(process.platform === 'linux' ? 'runs the relay thread WEBHOOK_RELAY_THREAD_NICE levels below the thread that answers carriers' : 'keeps the relay thread at the process priority where threads have none of their own, and says why', async () => {
    if (process.platform !== 'linux') {
      expect(lowerThisThreadPriority(10)).toEqual({ lowered: false, reason: `per-thread priority is not available on ${process.platform}` });
      return;
    }
    const steps = stack.config.webhooks.relayThreadNice;
    expect(steps).toBe(10);
    const own = getPriority(); // this (answering) thread's nice value, which must stay as it was
    const want = Math.min(19, own + steps);
    // Each thread of this process is /proc/self/task/<tid>; field 19 of its stat line is its nice value.
    // A thread (a libuv or V8 helper) can end between the directory listing and the read: it has no nice value then.
    const niceOf = (tid: string) => {
      try {
        return Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ESRCH') return Number.NaN;
        throw err;
      }
    };
    const niced = await eventually(async () => readdirSync('/proc/self/task').filter((tid) => niceOf(tid) === want), (tids) => tids.length >= 1);
    expect(niced.length).toBeGreaterThanOrEqual(1);
    expect(getPriority()).toBe(own);
    expect(niceOf(String(process.pid))).toBe(own);
  });

  it('answers sweeps and admin re-matches through the thread', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('THREADRM'), { prepare: (tn) => sim.manualShipment(tn) });
    const stray = `SIMT${Date.now()}`;
    const hook = simWebhook(stray, { eventId: `${order.code}-stray`, code: 'IT' });
    const { id } = await readJson(await post(hook.body, hook.headers));
    await eventually(() => threaded.webhookInbox.findById(id), (e) => e?.status === 'unmatched');

    expect(typeof (await threaded.webhookRelay.sweep())).toBe('number');
    expect(await threaded.webhookRelay.rematch(id, stray, order.code)).toBe('relayed');
    expect(await threaded.webhookRelay.rematch('0123456789abcdef01234567', stray, order.code)).toBeNull();
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'in_transit');
  });

  it('hands what an ended thread held to the next one, which relays it long before the lease expires', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('ADOPT'), { prepare: (tn) => sim.manualShipment(tn) });
    // A process's inbox (its own lease owner), and a stored webhook its relay thread is given.
    const inbox = createRelayInbox(stack.mongo);
    const stored = await storeSimEvent(inbox, { trackingNumber: order.trackingNumber, key: `${order.code}-adopt` });
    const lines: string[] = [];
    const data = {
      // The first thread cannot open its database and ends holding the entry; the next one can.
      mongoUri: 'not-a-mongodb-uri',
      temporal: { address: temporalServer.address, namespace: temporalServer.namespace, taskQueue: stack.config.temporal.taskQueue },
      settings: shipmentSettings(stack.config),
      niceSteps: 0,
      logLevel: 'silent' as const,
      logFields: {},
    };
    const relay = createThreadedRelay({ inbox, logger: createLogger('error', {}, (line) => lines.push(line)), data });
    relay.enqueue([stored]);
    expect(relay.backlog()).toBe(1);
    await eventually(async () => lines.filter((l) => l.includes('starting it again')).length, (n) => n >= 1, 20_000);
    expect(relay.backlog()).toBe(1); // still owed: kept for the next thread
    expect(relay.owes(stored.id)).toBe(true); // so its lease is extended, not left to expire
    data.mongoUri = stack.config.mongo.uri!;

    // Real time: the lease (10 s bucket + 30 s) is far from expired, so only the hand-over can relay it.
    await eventually(() => inbox.findById(stored.id), (e) => e?.status === 'relayed', 20_000);
    await eventually(async () => relay.backlog(), (n) => n === 0);
    expect(relay.owes(stored.id)).toBe(false);
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'in_transit');
    expect(await inbox.releaseLeases(true)).toBeGreaterThanOrEqual(1);
    expect((await inbox.expiredLeases(new Date(Date.now() + 3_600_000))).map((l) => l.key)).not.toContain(stored.lease);
    await relay.close();
  });

  it('starts a thread that ended again, and closes while it waits to', async () => {
    const lines: string[] = [];
    const logger = createLogger('error', {}, (line) => lines.push(line));
    const relay = createThreadedRelay({
      inbox: stack.services.webhookInbox,
      logger,
      // A URI the driver refuses at once: the thread ends as it starts, every time.
      data: { mongoUri: 'not-a-mongodb-uri', temporal: { address: temporalServer.address, namespace: temporalServer.namespace, taskQueue: 'none' }, settings: shipmentSettings(stack.config), niceSteps: 0, logLevel: 'silent', logFields: {} },
    });
    await eventually(async () => lines.filter((l) => l.includes('starting it again')).length, (n) => n >= 2, 20_000);
    await expect(relay.sweep()).rejects.toThrow(/restarting|ended/);
    relay.enqueue([]);
    expect(relay.backlog()).toBe(0);
    await relay.close();
  });
});
