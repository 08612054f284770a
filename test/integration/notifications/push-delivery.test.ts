import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushSubscriptionRepository } from '../../../src/db/push-subscriptions/repository.js';
import type { EmbeddedTemporal } from '../../../src/embedded/temporal-server.js';
import type { ChannelRegistry } from '../../../src/notifications/all.js';
import { createPushChannel } from '../../../src/notifications/push/push-channel.js';
import { startTestCarrierSim, type TestCarrierSim } from '../../support/carrier-sim.js';
import { eventually } from '../../support/eventually.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { startNotifyStack, type NotifyStack } from '../../support/notify-stack.js';
import { storefrontHeaders } from '../../support/orders.js';
import { startLocalPushService, type LocalPushService, type TestSubscription } from '../../support/push-service.js';
import { readJson } from '../../support/read-json.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../../support/servers.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let pushService: LocalPushService;
let notify: NotifyStack;
const vapid = webpush.generateVAPIDKeys();

/** Endpoints whose next send finds the push service unreachable (then it recovers): a transient failure. */
const unavailableOnce = new Set<string>();

/**
 * The configured push channel, but over an agent that trusts the local push service's test certificate;
 * an endpoint in `unavailableOnce` is sent to a port where nothing listens first (a network error).
 */
function trustLocalPushService(channels: ChannelRegistry): ChannelRegistry {
  const real = createPushChannel({ ...vapid, subject: 'mailto:ops@shop.test' }, { agent: pushService.agent });
  const push: typeof real = {
    id: 'push',
    send: (message) => {
      if (!unavailableOnce.delete(message.subscription.endpoint)) return real.send(message);
      const unreachable = message.subscription.endpoint.replace(/^https:\/\/localhost:\d+/, 'https://localhost:1');
      return real.send({ ...message, subscription: { ...message.subscription, endpoint: unreachable } });
    },
  };
  return { ...channels, available: channels.available, close: () => channels.close(), get: ((id: 'email' | 'sms' | 'push') => (id === 'push' ? push : channels.get(id))) as ChannelRegistry['get'] };
}

beforeAll(async () => {
  [mongoServer, temporalServer, sim, pushService] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim(), startLocalPushService()]);
  notify = await startNotifyStack({
    mongoServer,
    temporalServer,
    sim,
    env: { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:ops@shop.test' },
    wrapChannels: trustLocalPushService,
  });
}, 120_000);

afterAll(async () => {
  await notify?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop(), pushService?.close()]);
});

const ended = (r: { status: string } | null) => r !== null && ['sent', 'failed', 'skipped'].includes(r.status);

/** An order whose customer chose push for "delivered", and the path of its signed tracking page. */
async function placePushOrder(code: string) {
  const order = await placeSimulatorOrder(notify.stack, code, {
    prepare: (tn) => sim.manualShipment(tn),
    overrides: { customer: { email: `${code.toLowerCase()}@example.com` }, notifications: { channels: ['push'], triggers: ['delivered'] } },
  });
  const view = await readJson(await notify.stack.app.request(`/api/v1/orders/${code}`, { headers: storefrontHeaders() }));
  return { ...order, pagePath: new URL(view.trackingPageUrl as string).pathname };
}

/** What the tracking page's script does: subscribe at the push service with our key, POST the subscription. */
async function subscribeOnPage(pagePath: string): Promise<TestSubscription> {
  const subscription = await pushService.subscribe(vapid.publicKey);
  const { clientHash: _hash, ...json } = subscription;
  const res = await notify.stack.app.request(`${pagePath}/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
  expect(res.status).toBe(201);
  return subscription;
}

async function deliver(order: { code: string; trackingNumber: string }) {
  await sim.addEvent(order.trackingNumber, { code: 'DL', occurredAt: new Date().toISOString(), description: 'Delivered', eventId: `${order.code}-dl` });
  await notify.stack.services.shipmentActions.pollNow(order.code);
  return eventually(() => notify.stack.repos.notifications.find(`notify:${order.code}:delivered:push`), ended, 60_000);
}

describe('web push through the NotificationWorkflow (real Temporal, MongoDB-wire, web-push to web-push-testing)', () => {
  it('offers the subscribe button with our VAPID key, sends "delivered" to every subscribed browser and removes the one that is gone (410)', async () => {
    const code = uniqueName('PUSH');
    const order = await placePushOrder(code);
    const page = await (await notify.stack.app.request(order.pagePath)).text();
    expect(page).toContain(`data-push-key="${vapid.publicKey}"`);

    const phone = await subscribeOnPage(order.pagePath);
    const laptop = await subscribeOnPage(order.pagePath);
    const dropped = await subscribeOnPage(order.pagePath);
    await pushService.expire(dropped.clientHash);

    const record = await deliver(order);
    expect(record).toMatchObject({ status: 'sent', attempts: 1, deliveryState: '2 of 3 push subscriptions reached; 1 gone (404/410) and removed' });

    const stored = await notify.stack.repos.orders.findByCode(code);
    const expected = {
      title: 'Test Shop: Delivered',
      body: `Your order ${code} has been delivered.`,
      url: `https://tracking.test/t/${stored!.trackingToken}`,
      tag: `order-${code}`,
    };
    for (const browser of [phone, laptop]) {
      expect((await pushService.received(browser.clientHash)).map((m) => JSON.parse(m) as unknown)).toEqual([expected]);
    }
    const left = await createPushSubscriptionRepository(notify.stack.mongo).listForOrder(code);
    expect(left.map((s) => s.endpoint).sort()).toEqual([phone.endpoint, laptop.endpoint].sort());
    expect(left.every((s) => s.deliveredKeys.includes(`notify:${code}:delivered:push`))).toBe(true);

    // The storefront's log of the order says the same.
    const settings = await readJson(await notify.stack.app.request(`/api/v1/orders/${code}/notifications`, { headers: storefrontHeaders() }));
    expect(settings.messages).toEqual([expect.objectContaining({ channel: 'push', status: 'sent', deliveryState: record!.deliveryState })]);
  }, 120_000);

  it('ends failed with why when the only subscription is gone, and deletes it', async () => {
    const code = uniqueName('PUSHGONE');
    const order = await placePushOrder(code);
    const only = await subscribeOnPage(order.pagePath);
    await pushService.expire(only.clientHash);

    const record = await deliver(order);
    expect(record).toMatchObject({ status: 'failed', attempts: 1 });
    expect(record!.error).toBe('subscription_gone: 0 of 1 push subscription reached; 1 gone (404/410) and removed');
    expect(await createPushSubscriptionRepository(notify.stack.mongo).listForOrder(code)).toEqual([]);
  }, 120_000);

  it('retries (Temporal backoff) a browser whose push service was unreachable, without sending twice to the one that had it', async () => {
    const code = uniqueName('PUSHRETRY');
    const order = await placePushOrder(code);
    const reached = await subscribeOnPage(order.pagePath);
    const late = await subscribeOnPage(order.pagePath);
    unavailableOnce.add(late.endpoint);

    const record = await deliver(order);
    expect(record).toMatchObject({ status: 'sent', attempts: 2, deliveryState: '2 of 2 push subscriptions reached' });
    expect(await pushService.received(reached.clientHash)).toHaveLength(1);
    expect(await pushService.received(late.clientHash)).toHaveLength(1);
  }, 120_000);

  it('ends skipped with why when nobody subscribed', async () => {
    const code = uniqueName('PUSHNONE');
    const order = await placePushOrder(code);
    const record = await deliver(order);
    expect(record).toMatchObject({ status: 'skipped', reason: 'no push subscription', attempts: 0 });
  }, 120_000);
});
