import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedTemporal } from '../../src/embedded/temporal-server.js';
import { startTestCarrierSim, type TestCarrierSim } from '../support/carrier-sim.js';
import { placeSimulatorOrder } from '../support/lifecycle.js';
import { eventually } from '../support/eventually.js';
import { readJson } from '../support/read-json.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../support/servers.js';
import { startStack, type TestStack } from '../support/stack.js';
import { ADMIN_KEY } from '../support/test-config.js';
import { storefrontHeaders } from '../support/orders.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let stack: TestStack;

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  stack = await startStack({ mongoServer, temporalServer, carriers: sim.carriers });
});

afterAll(async () => {
  await stack?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };


describe('storefront and admin shipment endpoints (dev server, real time)', () => {
  it('lists a customer\'s orders newest first with a cursor', async () => {
    const email = `${uniqueName('me')}@example.com`;
    const codes: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const code = uniqueName(`MY${i}`);
      codes.push(code);
      const body = {
        orderCode: code,
        placedAt: new Date(Date.now() - (10 - i) * 86_400_000).toISOString(),
        customer: { email },
        items: [{ sku: 'A', name: 'A', quantity: 1 }],
        shippingAddress: { line1: '1 Main St', city: 'X', postalCode: '1', country: 'US' },
        shipping: { carrier: 'simulator' },
      };
      const res = await stack.app.request('/api/v1/orders', { method: 'POST', headers: storefrontHeaders(), body: JSON.stringify(body) });
      expect(res.status).toBe(201);
    }
    const page1 = await readJson(await stack.app.request(`/api/v1/orders?customerEmail=${encodeURIComponent(email)}&limit=2`, { headers: storefrontHeaders() }));
    expect(page1.orders.map((o: { orderCode: string }) => o.orderCode)).toEqual([codes[2], codes[1]]);
    const page2 = await readJson(
      await stack.app.request(`/api/v1/orders?customerEmail=${encodeURIComponent(email)}&limit=2&before=${encodeURIComponent(page1.nextBefore)}`, {
        headers: storefrontHeaders(),
      }),
    );
    expect(page2.orders.map((o: { orderCode: string }) => o.orderCode)).toEqual([codes[0]]);
    expect(page2.nextBefore).toBeUndefined();
  });

  it('shows the full event history and audit log to admins, polls on demand, and refuses without an admin key', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('ADM'), { prepare: (tn) => sim.manualShipment(tn) });
    const firstPolls = await eventually(() => sim.pollCount(order.trackingNumber), (n) => n >= 1);
    await sim.addEvent(order.trackingNumber, { code: 'PU', occurredAt: new Date(Date.now() - 60_000).toISOString(), description: 'Picked up', eventId: 'p1' });
    await sim.addEvent(order.trackingNumber, { code: 'IT', occurredAt: new Date().toISOString(), description: 'Departed hub', eventId: 'p2' });

    expect((await stack.app.request(`/api/v1/admin/shipments/${order.code}/poll-now`, { method: 'POST' })).status).toBe(401);
    // A storefront key is known, but gives no access to admin routes.
    expect((await stack.app.request(`/api/v1/admin/shipments/${order.code}/poll-now`, { method: 'POST', headers: storefrontHeaders() })).status).toBe(403);
    expect((await stack.app.request(`/api/v1/admin/shipments/${order.code}/poll-now`, { method: 'POST', headers: admin })).status).toBe(202);
    await eventually(() => sim.pollCount(order.trackingNumber), (n) => n > firstPolls);
    const visible = await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'in_transit');
    expect(visible?.status).toBe('in_transit');

    // Notification requests are recorded right after the projection: wait for them too.
    const detail = await eventually(
      async () => readJson(await stack.app.request(`/api/v1/admin/shipments/${order.code}`, { headers: admin })),
      (d) => d.notifications.length > 0,
    );
    expect(detail.order).toMatchObject({ orderCode: order.code, status: 'in_transit', milestone: 'shipped' });
    expect(detail.events.map((e: { carrierEventId: string }) => e.carrierEventId)).toEqual(['p1', 'p2']);
    expect(detail.auditLog.map((c: { to: string; source: string }) => [c.to, c.source])).toEqual([['in_transit', 'poll']]);
    expect(detail.workflow).toMatchObject({ status: 'in_transit', phase: 'tracking' });
    expect(detail.notifications.map((n: { key: string }) => n.key)).toEqual([`notify:${order.code}:shipped:email`]);
  });

  it('marks an order in preparation through a workflow update, and refuses once it has shipped', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('PREP'), { prepare: (tn) => sim.manualShipment(tn) });
    const res = await stack.app.request(`/api/v1/admin/shipments/${order.code}/in-preparation`, { method: 'POST', headers: admin });
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ status: 'in_preparation' });
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'in_preparation');

    await sim.addEvent(order.trackingNumber, { code: 'IT', occurredAt: new Date().toISOString(), description: 'In transit' });
    await stack.app.request(`/api/v1/admin/shipments/${order.code}/poll-now`, { method: 'POST', headers: admin });
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'in_transit');
    const refused = await stack.app.request(`/api/v1/admin/shipments/${order.code}/in-preparation`, { method: 'POST', headers: admin });
    expect(refused.status).toBe(409);
    expect((await readJson(refused)).error.code).toBe('NOT_ALLOWED');
  });

  it('changes notification preferences: later milestones use them, and the customer\'s next order starts from them', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('PREF'), { prepare: (tn) => sim.manualShipment(tn) });
    const res = await stack.app.request(`/api/v1/orders/${order.code}/notifications`, {
      method: 'PUT',
      headers: storefrontHeaders(),
      body: JSON.stringify({ channels: ['sms', 'email'], language: 'de' }),
    });
    expect(res.status).toBe(200);
    await sim.addEvent(order.trackingNumber, { code: 'IT', occurredAt: new Date().toISOString(), description: 'In transit' });
    await stack.app.request(`/api/v1/admin/shipments/${order.code}/poll-now`, { method: 'POST', headers: admin });
    const notifications = await eventually(
      () => stack.repos.notifications.listForOrder(order.code),
      (list) => list.length >= 2,
    );
    expect(notifications.map((n) => n.key).sort()).toEqual([`notify:${order.code}:shipped:email`, `notify:${order.code}:shipped:sms`]);

    const bad = await stack.app.request(`/api/v1/orders/${order.code}/notifications`, {
      method: 'PUT',
      headers: storefrontHeaders(),
      body: JSON.stringify({ channels: ['pigeon'] }),
    });
    expect(bad.status).toBe(400);

    // Same customer, no preferences in the new order: the saved choice applies.
    const stored = await stack.repos.orders.findByCode(order.code);
    const customer = await stack.repos.customers.findById(stored!.customerId);
    const next = uniqueName('PREF2');
    const placed = await stack.app.request('/api/v1/orders', {
      method: 'POST',
      headers: storefrontHeaders(),
      body: JSON.stringify({
        orderCode: next,
        customer: { email: customer!.email },
        items: [{ sku: 'A', name: 'A', quantity: 1 }],
        shippingAddress: { line1: '1 Main St', city: 'X', postalCode: '1', country: 'US' },
        shipping: { carrier: 'simulator' },
      }),
    });
    expect(placed.status).toBe(201);
    expect((await stack.repos.orders.findByCode(next))?.notificationPreferences).toMatchObject({ channels: ['sms', 'email'], language: 'de' });
  });

  it('refuses SMS for an order whose customer has no phone number (422 saying why), keeping the old choice', async () => {
    const code = uniqueName('NOPHONE');
    const placed = await stack.app.request('/api/v1/orders', {
      method: 'POST',
      headers: storefrontHeaders(),
      body: JSON.stringify({
        orderCode: code,
        customer: { email: `${code.toLowerCase()}@example.com` },
        items: [{ sku: 'A', name: 'A', quantity: 1 }],
        shippingAddress: { line1: '1 Main St', city: 'X', postalCode: '1', country: 'US' },
        shipping: { carrier: 'simulator' },
      }),
    });
    expect(placed.status).toBe(201);
    const put = (channels: string[]) =>
      stack.app.request(`/api/v1/orders/${code}/notifications`, { method: 'PUT', headers: storefrontHeaders(), body: JSON.stringify({ channels }) });

    const refused = await put(['email', 'sms']);
    expect(refused.status).toBe(422);
    const { error } = await readJson(refused);
    expect(error.code).toBe('CHANNEL_NEEDS_PHONE');
    expect(error.message).toMatch(/SMS needs a phone number/);
    expect(error.details).toEqual({ channel: 'sms' });
    expect((await stack.repos.orders.findByCode(code))?.notificationPreferences.channels).toEqual(['email']);

    expect((await put(['email'])).status).toBe(200);
  });

  it('cancels an order: 202, the workflow ends, the order shows cancelled; a second cancel is refused', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('CAN'), { prepare: (tn) => sim.manualShipment(tn) });
    const res = await stack.app.request(`/api/v1/orders/${order.code}/cancel`, {
      method: 'POST',
      headers: storefrontHeaders(),
      body: JSON.stringify({ reason: 'changed my mind' }),
    });
    expect(res.status).toBe(202);
    expect((await order.handle.result()).finalStatus).toBe('cancelled');
    const cancelled = await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'cancelled');
    expect(cancelled?.cancelledAt).toBeDefined();
    const again = await stack.app.request(`/api/v1/orders/${order.code}/cancel`, { method: 'POST', headers: storefrontHeaders() });
    expect(again.status).toBe(409);
  });
});
