import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/create-app.js';
import { createEasyPostAdapter } from '../../src/carriers/easypost/index.js';
import { easyPostSignature } from '../../src/carriers/easypost/webhook.js';
import { createCarrierRegistry } from '../../src/carriers/registry.js';
import { freePort } from '../../src/embedded/free-port.js';
import type { EmbeddedTemporal } from '../../src/embedded/temporal-server.js';
import { createLogger } from '../../src/observability/logger.js';
import { createServices } from '../../src/services/services.js';
import { createRelay } from '../../src/services/webhook-relay/create-relay.js';
import { createRelayInbox } from '../../src/services/webhook-relay/relay-inbox.js';
import { LEASE_BUCKET_MS, RELAY_LEASE_MS } from '../../src/services/webhook-relay/relay-policy.js';
import type { WebhookRelayDeps } from '../../src/services/webhook-relay/relay-types.js';
import { getStateQuery } from '../../workflows/shipment-messages.js';
import { startTestCarrierSim, type TestCarrierSim } from '../support/carrier-sim.js';
import { placeSimulatorOrder } from '../support/lifecycle.js';
import { eventually } from '../support/eventually.js';
import { storeSimEvent } from '../support/inbox-entries.js';
import { readJson } from '../support/read-json.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../support/servers.js';
import { simWebhook } from '../support/sim-webhook.js';
import { startStack, type TestStack } from '../support/stack.js';
import { ADMIN_KEY } from '../support/test-config.js';
import { storefrontHeaders } from '../support/orders.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'carriers');
let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let stack: TestStack;

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  const easypostSecret = JSON.parse(readFileSync(join(FIXTURES, 'easypost', 'webhook_signature_vector.json'), 'utf8')).webhook_secret as string;
  const carriers = createCarrierRegistry([
    ...sim.carriers.list(),
    createEasyPostAdapter({ apiKey: 'ep_test', webhookSecret: easypostSecret, baseUrl: sim.url }),
  ]);
  stack = await startStack({ mongoServer, temporalServer, carriers, env: { WEBHOOK_MAX_BODY_BYTES: '4096' } });
});

afterAll(async () => {
  await stack?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

/** A relay over the stack's real repositories and Temporal, quiet, on real time unless told otherwise. */
const relayWith = (overrides: Partial<WebhookRelayDeps> = {}) =>
  createRelay({
    inbox: stack.services.webhookInbox,
    orders: stack.repos.orders,
    temporal: stack.temporal,
    workflows: stack.services.workflowStarter,
    logger: createLogger('silent'),
    now: () => new Date(),
    ...overrides,
  });

const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
const post = (carrier: string, body: Buffer | string, headers: Record<string, string>, query = '') =>
  stack.app.request(`/webhooks/${carrier}${query}`, { method: 'POST', headers, body });


describe('POST /webhooks/:carrier', () => {
  it('TC002: an "Out for delivery" webhook updates the database and the customer\'s view', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('TC002'), { prepare: (tn) => sim.manualShipment(tn) });
    const hook = simWebhook(order.trackingNumber, { eventId: `${order.code}-od`, code: 'OD', description: 'Out for delivery' });
    const res = await post('simulator', hook.body, hook.headers);
    expect(res.status).toBe(202);
    expect(await readJson(res)).toMatchObject({ status: 'accepted', updates: 1 });

    const visible = await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'out_for_delivery');
    expect(visible).toMatchObject({ status: 'out_for_delivery', milestone: 'out_for_delivery' });
    const view = await readJson(await stack.app.request(`/api/v1/orders/${order.code}`, { headers: storefrontHeaders() }));
    expect(view.status).toBe('out_for_delivery');
    const detail = await readJson(await stack.app.request(`/api/v1/admin/shipments/${order.code}`, { headers: admin }));
    expect(detail.auditLog.at(-1)).toMatchObject({ to: 'out_for_delivery', source: 'webhook' });
    expect(detail.auditLog.at(-1).inboxId).toMatch(/^[a-f0-9]{24}$/);
  });

  it('acknowledges a repeated delivery and drops it', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('DUP'), { prepare: (tn) => sim.manualShipment(tn) });
    const hook = simWebhook(order.trackingNumber, { eventId: `${order.code}-it`, code: 'IT' });
    expect((await post('simulator', hook.body, hook.headers)).status).toBe(202);
    const again = await post('simulator', hook.body, hook.headers);
    expect(again.status).toBe(200);
    expect(await readJson(again)).toEqual({ status: 'duplicate' });
    const state = await eventually(() => order.handle.query(getStateQuery), (s) => s.status === 'in_transit');
    expect(state.domain.events).toHaveLength(1);
  });

  it('rejects a bad signature (401), a stale one (401) and a tampered body (401), storing nothing', async () => {
    const tn = 'SIM0000000000008';
    const wrongSecret = simWebhook(tn, { eventId: 'bad-1', code: 'IT' }, { secret: 'not-the-secret' });
    const stale = simWebhook(tn, { eventId: 'bad-2', code: 'IT' }, { signedAtMs: Date.now() - 10 * 60_000 });
    const good = simWebhook(tn, { eventId: 'bad-3', code: 'IT' });
    const tampered = Buffer.from(good.body.toString().replace('"IT"', '"DL"'));
    for (const [body, headers] of [
      [wrongSecret.body, wrongSecret.headers],
      [stale.body, stale.headers],
      [tampered, good.headers],
      [good.body, { 'content-type': 'application/json' }],
    ] as const) {
      const res = await post('simulator', body, headers);
      expect(res.status).toBe(401);
      expect((await readJson(res)).error).toMatchObject({ code: 'WEBHOOK_UNVERIFIED', message: 'Signature verification failed.' });
    }
    const unmatched = await readJson(await stack.app.request(`/api/v1/admin/webhooks/unmatched?trackingNumber=${tn}`, { headers: admin }));
    expect(unmatched.webhooks).toEqual([]);
  });

  it('gives a sender one generic 401 reason while the log keeps the specific one (stale timestamp, mismatch)', async () => {
    const lines: string[] = [];
    const logger = createLogger('warn', {}, (line) => lines.push(line));
    const services = createServices({ mongo: stack.mongo, temporal: stack.temporal, config: stack.config, logger, carriers: stack.carriers });
    const app = createApp({ services, logger, auth: stack.config.auth, publicBaseUrl: 'http://t' });
    const tn = 'SIM0000000000008';
    const stale = simWebhook(tn, { eventId: 'log-1', code: 'IT' }, { signedAtMs: Date.now() - 10 * 60_000 });
    const wrongSecret = simWebhook(tn, { eventId: 'log-2', code: 'IT' }, { secret: 'not-the-secret' });
    const bodies = [];
    for (const hook of [stale, wrongSecret]) {
      const res = await app.request('/webhooks/simulator', { method: 'POST', headers: hook.headers, body: hook.body });
      expect(res.status).toBe(401);
      const { error } = await readJson(res);
      bodies.push({ code: error.code, message: error.message });
    }
    expect(bodies).toEqual([
      { code: 'WEBHOOK_UNVERIFIED', message: 'Signature verification failed.' },
      { code: 'WEBHOOK_UNVERIFIED', message: 'Signature verification failed.' },
    ]);
    const reasons = lines.map((line) => JSON.parse(line)).filter((e) => e.msg === 'webhook signature rejected').map((e) => e.reason);
    expect(reasons).toEqual(['signature timestamp outside tolerance', 'signature mismatch']);
  });

  it('answers a signed but malformed body with 400, an oversized one with 413, an unknown carrier with 404', async () => {
    const { simulatorSignature } = await import('../../src/carriers/simulator/index.js');
    const { SIM_WEBHOOK_SECRET } = await import('../support/carrier-sim.js');
    const garbage = Buffer.from('{"type":"tracking.updated","data":{}}');
    const sig = simulatorSignature(SIM_WEBHOOK_SECRET, garbage, Math.floor(Date.now() / 1000));
    const malformed = await post('simulator', garbage, { 'content-type': 'application/json', 'x-sim-signature': sig });
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).error.code).toBe('INVALID_WEBHOOK_PAYLOAD');

    const big = await post('simulator', Buffer.alloc(8192, 'a'), { 'content-type': 'application/json', 'content-length': '8192' });
    expect(big.status).toBe(413);
    expect((await post('fedex', '{}', { 'content-type': 'application/json' })).status).toBe(404);
  });

  it('refuses a source outside the carrier\'s IP allow-list with 403 and stores nothing', async () => {
    const logger = createLogger('silent');
    const config = { ...stack.config, webhooks: { ...stack.config.webhooks, ipAllowLists: { simulator: ['203.0.113.0/24'] } } };
    const services = createServices({ mongo: stack.mongo, temporal: stack.temporal, config, logger, carriers: stack.carriers });
    const app = createApp({ services, logger, auth: config.auth, publicBaseUrl: 'http://t' });
    const hook = simWebhook('SIM0000000000008', { eventId: `ip-${Date.now()}`, code: 'IT' });
    // app.request() has no socket, so the source address is unknown: outside any allow-list.
    const res = await app.request('/webhooks/simulator', { method: 'POST', headers: hook.headers, body: hook.body });
    expect(res.status).toBe(403);
    expect((await readJson(res)).error.code).toBe('FORBIDDEN_SOURCE');
  });

  it('lists a webhook for an unknown tracking number as unmatched; an admin re-match delivers it', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('RMT'), { prepare: (tn) => sim.manualShipment(tn) });
    const strayNumber = `SIMX${Date.now()}`;
    const hook = simWebhook(strayNumber, { eventId: `${order.code}-stray`, code: 'IT' });
    const { id } = await readJson(await post('simulator', hook.body, hook.headers));
    const listed = await eventually(
      async () => readJson(await stack.app.request(`/api/v1/admin/webhooks/unmatched?trackingNumber=${strayNumber}`, { headers: admin })),
      (l) => l.webhooks.length === 1,
    );
    expect(listed.webhooks[0]).toMatchObject({ id, carrierId: 'simulator', status: 'unmatched' });

    const rematched = await stack.app.request(`/api/v1/admin/webhooks/${id}/rematch`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ trackingNumber: strayNumber, orderCode: order.code }),
    });
    expect(await readJson(rematched)).toEqual({ status: 'relayed' });
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'in_transit');
  });

  it('keeps a webhook that arrives before its order and delivers it once the order is placed', async () => {
    const code = uniqueName('EARLY');
    const { simulatorTrackingNumber } = await import('../../src/carriers/tracking-number/index.js');
    const trackingNumber = simulatorTrackingNumber(900_000_000 + Math.floor(Math.random() * 1e6));
    const hook = simWebhook(trackingNumber, { eventId: `${code}-pu`, code: 'PU' });
    expect((await post('simulator', hook.body, hook.headers)).status).toBe(202);
    await sim.manualShipment(trackingNumber);
    const res = await stack.app.request('/api/v1/orders', {
      method: 'POST',
      headers: storefrontHeaders(),
      body: JSON.stringify({
        orderCode: code,
        customer: { email: 'early@example.com' },
        items: [{ sku: 'A', name: 'A', quantity: 1 }],
        shippingAddress: { line1: '1 Main St', city: 'X', postalCode: '1', country: 'US' },
        shipping: { carrier: 'simulator', trackingNumber },
      }),
    });
    expect(res.status).toBe(201);
    const order = await eventually(() => stack.repos.orders.findByCode(code), (o) => o?.status === 'picked_up');
    expect(order?.status).toBe('picked_up');
  });

  it('verifies a real EasyPost delivery (X-Hmac-Signature over the exact bytes) and stores it', async () => {
    const body = readFileSync(join(FIXTURES, 'easypost', 'event-body.signed-bytes.json'));
    const vector = JSON.parse(readFileSync(join(FIXTURES, 'easypost', 'webhook_signature_vector.json'), 'utf8'));
    const header = vector.expected_header_value as string;
    const res = await post('easypost', body, { 'content-type': 'application/json', 'x-hmac-signature': header });
    expect(res.status).toBe(202);
    expect((await post('easypost', Buffer.concat([body, Buffer.from('\n')]), { 'content-type': 'application/json', 'x-hmac-signature': header })).status).toBe(401);
  });

  it("moves only its own carrier's orders: an aggregator's webhook for another carrier's tracking number is left unmatched", async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('XCAR'), { prepare: (tn) => sim.manualShipment(tn) });
    const secret = JSON.parse(readFileSync(join(FIXTURES, 'easypost', 'webhook_signature_vector.json'), 'utf8')).webhook_secret as string;
    const event = JSON.parse(readFileSync(join(FIXTURES, 'easypost', 'event-body.json'), 'utf8'));
    // A validly signed EasyPost event saying UPS delivered the simulator order's tracking number.
    event.id = `evt_${order.code}`;
    Object.assign(event.result, { tracking_code: order.trackingNumber, carrier: 'UPS', status: 'delivered' });
    const body = Buffer.from(JSON.stringify(event));
    const res = await post('easypost', body, { 'content-type': 'application/json', 'x-hmac-signature': easyPostSignature(secret, body) });
    expect(res.status).toBe(202);
    const entry = await eventually(
      () => stack.mongo.collection('webhook_inbox').findOne({ dedupeKey: `easypost:evt_${order.code}` }),
      (e) => e?.status === 'unmatched' || e?.deliveries?.[0]?.state === 'unmatched',
    );
    expect(entry?.deliveries[0]).toMatchObject({ trackingNumber: order.trackingNumber, state: 'unmatched' });
    const state = await order.handle.query(getStateQuery);
    expect(state.status).not.toBe('delivered');
    expect(state.domain.events).toHaveLength(0);
  });

  it('stores webhooks while Temporal is down and relays them once it is back', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('TDOWN'), { prepare: (tn) => sim.manualShipment(tn) });
    const dead = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '500ms' });
    const logger = createLogger('silent');
    const downServices = createServices({
      mongo: stack.mongo,
      temporal: new Client({ connection: dead, namespace: 'default' }),
      config: stack.config,
      logger,
      carriers: stack.carriers,
    });
    const downApp = createApp({ services: downServices, logger, auth: stack.config.auth, publicBaseUrl: 'http://t' });
    const hook = simWebhook(order.trackingNumber, { eventId: `${order.code}-od`, code: 'OD' });
    const res = await downApp.request(`/webhooks/simulator`, { method: 'POST', headers: hook.headers, body: hook.body });
    expect(res.status).toBe(202);
    const { id } = await readJson(res);
    // The immediate relay fails against the dead Temporal and schedules a retry.
    const pending = await eventually(() => stack.services.webhookInbox.findById(id), (e) => (e?.attempts ?? 0) >= 1, 20_000);
    expect(pending?.status).toBe('retry');
    expect((await stack.repos.orders.findByCode(order.code))?.status).toBe('order_received');

    // Temporal answers again (a healthy API instance's sweep): the webhook is delivered, nothing lost.
    await eventually(async () => (await stack.services.webhookRelay.sweep(), stack.services.webhookInbox.findById(id)), (e) => e?.status === 'relayed', 20_000);
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'out_for_delivery');
    await dead.close().catch(() => {});
  });

  it('marks a webhook for a shipment whose tracking has ended as closed, signalling nothing', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('CLOSED'), { prepare: (tn) => sim.manualShipment(tn) });
    const cancel = await stack.app.request(`/api/v1/orders/${order.code}/cancel`, { method: 'POST', headers: storefrontHeaders() });
    expect(cancel.status).toBe(202);
    expect((await order.handle.result()).finalStatus).toBe('cancelled');
    const hook = simWebhook(order.trackingNumber, { eventId: `${order.code}-late`, code: 'OD' });
    const res = await post('simulator', hook.body, hook.headers);
    expect(res.status).toBe(202);
    const { id } = await readJson(res);
    const entry = await eventually(() => stack.services.webhookInbox.findById(id), (e) => e?.status === 'relayed');
    expect(entry?.deliveries).toEqual([{ trackingNumber: order.trackingNumber, orderCode: order.code, state: 'closed' }]);
    // No new run was started for it: the workflow id still names the cancelled run.
    expect((await order.handle.describe()).status.name).toBe('COMPLETED');
  });

  it('relays a webhook whose API process died after storing it, once its relay lease has expired, and closes the lease', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('LEASE'), { prepare: (tn) => sim.manualShipment(tn) });
    // What a process leaves behind when it dies between the inbox write (and its 2xx) and its own relay:
    // the entry and its lease, written through a repository of its own (another process's leases).
    const deadProcess = createRelayInbox(stack.mongo);
    const stored = await deadProcess.insert({
      carrierId: 'simulator',
      dedupeKey: `simulator:${order.code}-lease`,
      receivedAt: new Date(),
      rawBody: '{}',
      updates: [{ trackingNumber: order.trackingNumber, events: [{ status: 'out_for_delivery', occurredAt: new Date().toISOString(), description: 'Out for delivery', carrierEventId: `${order.code}-lease` }] }],
    });
    expect(stored?.status).toBe('pending');
    const lease = stored!.lease!;
    expect(lease).toMatch(/^[0-9a-f]{12}:\d+$/);
    // Within the lease the entry still belongs to the process that stored it: another's sweep leaves it.
    await stack.services.webhookRelay.sweep();
    expect((await stack.services.webhookInbox.findById(stored!.id))?.status).toBe('pending');
    expect((await stack.services.webhookInbox.expiredLeases(new Date())).map((l) => l.key)).not.toContain(lease);

    // Past the end of the lease's time bucket plus the lease itself.
    const later = relayWith({ now: () => new Date(Date.now() + LEASE_BUCKET_MS + RELAY_LEASE_MS + 1_000) });
    expect(await later.sweep()).toBeGreaterThanOrEqual(1);
    const relayed = await stack.services.webhookInbox.findById(stored!.id);
    expect(relayed).toMatchObject({ status: 'relayed', deliveries: [{ trackingNumber: order.trackingNumber, orderCode: order.code, state: 'delivered' }] });
    expect(relayed?.lease).toBeUndefined();
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'out_for_delivery');
    // The dead process's lease is gone: no later sweep reads its entries again.
    expect((await stack.services.webhookInbox.expiredLeases(new Date(Date.now() + 3_600_000))).map((l) => l.key)).not.toContain(lease);
  });

  it('relays what its own full queue could not keep once the lease has expired, then closes the lease', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('DROP'), { prepare: (tn) => sim.manualShipment(tn) });
    const inbox = createRelayInbox(stack.mongo);
    const relayAt = (offsetMs: number) => relayWith({ inbox, now: () => new Date(Date.now() + offsetMs), maxQueued: 0 });
    const stored = await storeSimEvent(inbox, { trackingNumber: order.trackingNumber, key: `${order.code}-drop` });
    const warnings: string[] = [];
    // No room, and no ids kept to read back: the entry is left in the inbox under this process's lease.
    const overloaded = relayWith({ inbox, logger: createLogger('warn', {}, (line) => warnings.push(line)), maxQueued: 0, maxSetAside: 0 });
    overloaded.enqueue([stored]);
    overloaded.enqueue([stored, stored]); // within the warning interval: counted, not logged again
    expect(overloaded.backlog()).toBe(0);
    // Not owed by this relay any more: its lease is left to expire (never extended), and a sweep takes it.
    expect(overloaded.owes(stored.id)).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ msg: 'webhook relay queue full; the rest wait in the inbox and are read back as it drains', dropped: 1, setAside: 0, maxQueued: 0 });
    await overloaded.sweep();
    expect((await inbox.findById(stored.id))?.status).toBe('pending');

    const expired = LEASE_BUCKET_MS + RELAY_LEASE_MS + 1_000;
    expect(await relayAt(expired).sweep()).toBe(1);
    expect((await inbox.findById(stored.id))?.status).toBe('relayed');
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'in_transit');
    // Its own lease: not closed by the sweep, but released once every entry under it is settled (with the
    // next bucket's, when the entry was stored in the second before it and that one was written ahead).
    expect(await inbox.releaseLeases(true)).toBeGreaterThanOrEqual(1);
    expect((await inbox.expiredLeases(new Date(Date.now() + 3_600_000))).map((l) => l.key)).not.toContain(stored.lease);
  });

  it('reads what its full queue left in the inbox back as the queue drains, long before the lease expires', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('BACK'), { prepare: (tn) => sim.manualShipment(tn) });
    const inbox = createRelayInbox(stack.mongo);
    const steps = ['picked_up', 'in_transit', 'out_for_delivery'] as const;
    const stored = [];
    for (const [i, status] of steps.entries()) {
      stored.push(await storeSimEvent(inbox, { trackingNumber: order.trackingNumber, key: `${order.code}-back-${i}`, status, occurredAt: new Date(Date.now() + i * 60_000).toISOString() }));
    }
    const released: string[] = [];
    const relay = relayWith({ inbox, maxQueued: 1, batchSize: 1, onReleased: (ids) => released.push(...ids) });
    relay.enqueue(stored); // room for one: the other two are set aside, still owed by this relay
    expect(relay.backlog()).toBe(3);
    await relay.idle();
    // All three relayed by the queue itself (real time: the lease is nowhere near its expiry).
    for (const entry of stored) expect((await inbox.findById(entry.id))?.status).toBe('relayed');
    expect(relay.backlog()).toBe(0);
    expect(released.sort()).toEqual(stored.map((e) => e.id).sort());
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'out_for_delivery');
    expect(await inbox.releaseLeases(true)).toBeGreaterThanOrEqual(1);
    const open = (await inbox.expiredLeases(new Date(Date.now() + 3_600_000))).map((l) => l.key);
    for (const entry of stored) expect(open).not.toContain(entry.lease);
  });

  it('forgets set-aside entries relayed elsewhere meanwhile, and reads back the rest', async () => {
    const [blocker, elsewhere, later] = await Promise.all(['BLOCK', 'ELSE', 'LATER'].map((p) => placeSimulatorOrder(stack, uniqueName(p), { prepare: (tn) => sim.manualShipment(tn) })));
    const inbox = createRelayInbox(stack.mongo);
    const store = (order: typeof blocker) => storeSimEvent(inbox, { trackingNumber: order!.trackingNumber, key: `${order!.code}-aside` });
    const [a, b, c] = [await store(blocker), await store(elsewhere), await store(later)];
    // This relay's look-ups, counted per tracking number; the blocker's waits until the test lets it go.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const lookedUp = new Map<string, number>();
    const orders = {
      ...stack.repos.orders,
      findRelayTarget: async (trackingNumber: string, carrierIds: readonly string[]) => {
        lookedUp.set(trackingNumber, (lookedUp.get(trackingNumber) ?? 0) + 1);
        if (trackingNumber === blocker!.trackingNumber) await gate;
        return stack.repos.orders.findRelayTarget(trackingNumber, carrierIds);
      },
    };
    const released: string[] = [];
    const relay = relayWith({ inbox, orders, maxQueued: 1, batchSize: 1, pipelines: 1, onReleased: (ids) => released.push(...ids) });
    relay.enqueue([a, b, c]); // the blocker is taken (and held up); the other two are set aside
    expect(relay.backlog()).toBe(3);
    // Held or set aside, all three are still this relay's to deliver (their lease is kept alive for them).
    expect([a, b, c].map((e) => relay.owes(e.id))).toEqual([true, true, true]);
    // Another process relays the second meanwhile (its receipt is written).
    const other = relayWith({ inbox });
    other.enqueue([b]);
    await other.idle();
    expect((await inbox.findById(b.id))?.status).toBe('relayed');

    release();
    await relay.idle();
    expect((await inbox.findById(a.id))?.status).toBe('relayed');
    expect((await inbox.findById(c.id))?.status).toBe('relayed');
    // The read-back found the second relayed: forgotten, never looked up or signalled again by this relay.
    expect(lookedUp.get(elsewhere!.trackingNumber)).toBeUndefined();
    expect(lookedUp.get(later!.trackingNumber)).toBe(1);
    expect(released.sort()).toEqual([a.id, b.id, c.id].sort());
    expect(relay.backlog()).toBe(0);
    expect([a, b, c].some((e) => relay.owes(e.id))).toBe(false);
  });

  it('relays fresh webhooks while an earlier batch is held up (two pipelines)', async () => {
    const [slow, quick] = await Promise.all(['SLOW', 'QUICK'].map((p) => placeSimulatorOrder(stack, uniqueName(p), { prepare: (tn) => sim.manualShipment(tn) })));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // The real repository, with the slow order's look-up waiting until the test lets it go.
    const orders = {
      ...stack.repos.orders,
      findRelayTarget: async (trackingNumber: string, carrierIds: readonly string[]) => {
        if (trackingNumber === slow!.trackingNumber) await held;
        return stack.repos.orders.findRelayTarget(trackingNumber, carrierIds);
      },
    };
    const relay = relayWith({ orders });
    const store = (order: typeof slow) =>
      stack.services.webhookInbox.insert({
        carrierId: 'simulator',
        dedupeKey: `simulator:${order!.code}-pipe`,
        receivedAt: new Date(),
        rawBody: '{}',
        updates: [{ trackingNumber: order!.trackingNumber, events: [{ status: 'in_transit', occurredAt: new Date().toISOString(), description: 'In transit', carrierEventId: `${order!.code}-pipe` }] }],
      });
    const first = (await store(slow))!;
    relay.enqueue([first]);
    const second = (await store(quick))!;
    relay.enqueue([second]);
    expect(relay.backlog()).toBe(2);

    expect((await eventually(() => stack.services.webhookInbox.findById(second.id), (e) => e?.status === 'relayed'))?.status).toBe('relayed');
    expect((await stack.services.webhookInbox.findById(first.id))?.status).toBe('pending');
    release();
    await relay.idle();
    expect((await stack.services.webhookInbox.findById(first.id))?.status).toBe('relayed');
    expect(relay.backlog()).toBe(0);
  });

  it('relays several webhooks for one shipment in one batch as one signal, each still audited under its own inbox id', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('BURST'), { prepare: (tn) => sim.manualShipment(tn) });
    const base = Date.now();
    const steps = [
      { code: 'picked_up', description: 'Picked up' },
      { code: 'in_transit', description: 'In transit' },
      { code: 'out_for_delivery', description: 'Out for delivery' },
    ] as const;
    const stored = [];
    for (const [i, step] of steps.entries()) {
      stored.push(
        (await stack.services.webhookInbox.insert({
          carrierId: 'simulator',
          dedupeKey: `simulator:${order.code}-burst-${i}`,
          receivedAt: new Date(base + i),
          rawBody: '{}',
          updates: [{ trackingNumber: order.trackingNumber, events: [{ status: step.code, occurredAt: new Date(base + i * 60_000).toISOString(), description: step.description, carrierEventId: `${order.code}-burst-${i}` }] }],
        }))!,
      );
    }
    const relay = relayWith();
    relay.enqueue(stored);
    await relay.idle();

    for (const entry of stored) expect(await stack.services.webhookInbox.findById(entry.id)).toMatchObject({ status: 'relayed', deliveries: [{ orderCode: order.code, state: 'delivered' }] });
    const state = await eventually(() => order.handle.query(getStateQuery), (s) => s.status === 'out_for_delivery');
    expect(state.domain.events.map((e: { carrierEventId?: string }) => e.carrierEventId)).toEqual(steps.map((_, i) => `${order.code}-burst-${i}`));
    // Signals reach the history once the workflow task that was running when they came in completes.
    const signals = (await order.handle.fetchHistory()).events!.flatMap((e) => (e.workflowExecutionSignaledEventAttributes ? [e.workflowExecutionSignaledEventAttributes.signalName] : []));
    expect(signals.filter((name) => name === 'carrierEventsBatch')).toHaveLength(1);
    expect(signals.filter((name) => name === 'carrierEvents')).toHaveLength(0);
    const detail = await eventually(
      async () => readJson(await stack.app.request(`/api/v1/admin/shipments/${order.code}`, { headers: admin })),
      (d) => d.auditLog.some((c: { to: string }) => c.to === 'out_for_delivery'),
    );
    // Each part was its own revision: the audit log names the webhook behind each status change.
    const byStatus = new Map(detail.auditLog.filter((c: { source: string }) => c.source === 'webhook').map((c: { to: string; inboxId: string }) => [c.to, c.inboxId]));
    expect(steps.map((s) => byStatus.get(s.code))).toEqual(stored.map((e) => e.id));
  });
});
