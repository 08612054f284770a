import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationRepository } from '../../src/db/notifications/repository.js';
import type { EmbeddedTemporal } from '../../src/embedded/temporal-server.js';
import { startTestCarrierSim, type TestCarrierSim } from '../support/carrier-sim.js';
import { workerProcesses } from '../support/worker-process.js';
import { placeSimulatorOrder } from '../support/lifecycle.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../support/servers.js';
import { simWebhook } from '../support/sim-webhook.js';
import { eventually } from '../support/eventually.js';
import { startStack, type TestStack } from '../support/stack.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let stack: TestStack;

const workers = workerProcesses(() => stack, () => sim);
const spawnWorker = () => workers.spawn();


beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  // No in-process worker: the real worker process runs the shipments. Fast timings keep the test short.
  stack = await startStack({
    mongoServer,
    temporalServer,
    carriers: sim.carriers,
    startWorker: false,
    // The grace period must outlast the restarted worker's first poll, which fetches c3 (the carrier's scan
    // that no webhook brings): with 2 s, a slow restart on busy cores let the delivered shipment close first.
    env: { SHIPMENT_POLL_INTERVAL: '1s', DELIVERED_GRACE_PERIOD: '15s' },
  });
});

afterAll(async () => {
  workers.killAll();
  await stack?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

describe('worker crash in the middle of a shipment', () => {
  it('a new worker completes the shipment with no lost event and no duplicated notification request', async () => {
    spawnWorker();
    const order = await placeSimulatorOrder(stack, uniqueName('CRASH'), { prepare: (tn) => sim.manualShipment(tn) });
    await sim.addEvent(order.trackingNumber, { code: 'PU', occurredAt: new Date(Date.now() - 120_000).toISOString(), eventId: 'c1', description: 'Picked up' });
    await sim.addEvent(order.trackingNumber, { code: 'IT', occurredAt: new Date(Date.now() - 60_000).toISOString(), eventId: 'c2', description: 'In transit' });
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'in_transit', 90_000);

    // Kill -9: no drain, no goodbye. Meanwhile the carrier moves on and a webhook arrives.
    const first = workers.spawned[0]!;
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    await sim.addEvent(order.trackingNumber, { code: 'OD', occurredAt: new Date(Date.now() - 30_000).toISOString(), eventId: 'c3', description: 'Out for delivery' });
    const hook = simWebhook(order.trackingNumber, { eventId: 'c4', code: 'DL', occurredAt: new Date().toISOString(), description: 'Delivered' });
    const res = await stack.app.request('/webhooks/simulator', { method: 'POST', headers: hook.headers, body: hook.body });
    expect(res.status).toBe(202);
    expect((await stack.repos.orders.findByCode(order.code))?.status).toBe('in_transit');

    spawnWorker();
    const outcome = await order.handle.result();
    expect(outcome.finalStatus).toBe('delivered');

    const events = await stack.repos.projections.listEvents(order.code);
    expect(events.map((e) => e.carrierEventId)).toEqual(['c1', 'c2', 'c3', 'c4']);
    const requests = await createNotificationRepository(stack.mongo).listForOrder(order.code);
    const keys = requests.map((n) => n.key);
    expect(new Set(keys).size).toBe(keys.length);
    // Whether out-for-delivery is announced depends on whether the poll (OD) or the webhook (DL) is processed
    // first after the restart: a scan older than the delivery is recorded but not announced.
    const key = (t: string) => `notify:${order.code}:${t}:email`;
    expect(keys).toEqual(expect.arrayContaining([key('shipped'), key('delivered')]));
    expect(keys.every((k) => [key('shipped'), key('out_for_delivery'), key('delivered')].includes(k))).toBe(true);
    expect(await stack.repos.orders.findByCode(order.code)).toMatchObject({ status: 'delivered' });
  }, 180_000);
});
