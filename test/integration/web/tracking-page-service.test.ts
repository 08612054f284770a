import { beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.js';
import { orderBody, storefrontHeaders } from '../../support/orders.js';
import { uniqueName } from '../../support/servers.js';
import { simWebhook } from '../../support/sim-webhook.js';
import type { TestStack } from '../../support/stack.js';
import { useTestServers } from '../../support/test-servers.js';
import { settledOrder } from '../../support/settled-order.js';

/** The tracking-page service and the mounted pages over the real read model, Temporal and the simulator. */
const suite = useTestServers('dev', { carrierSim: true });
let stack: TestStack;
let legacyStack: TestStack;

beforeAll(async () => {
  [stack, legacyStack] = await Promise.all([
    suite.stack(),
    suite.stack({ env: { LEGACY_TRACKING_LINKS_UNTIL: new Date(Date.now() + 86_400_000).toISOString() } }),
  ]);
});

async function place(on: TestStack, overrides: Record<string, unknown> = {}) {
  const code = uniqueName('TPS');
  const res = await on.app.request('/api/v1/orders', { method: 'POST', headers: storefrontHeaders(), body: JSON.stringify(orderBody(code, overrides)) });
  expect(res.status).toBe(201);
  const order = (await res.json()) as { trackingPageUrl: string; carrier: { trackingNumber: string } };
  await suite.servers.sim.manualShipment(order.carrier.trackingNumber);
  return { code, trackingNumber: order.carrier.trackingNumber, path: new URL(order.trackingPageUrl).pathname };
}

async function scan(on: TestStack, trackingNumber: string, code: string, eventId: string) {
  const hook = simWebhook(trackingNumber, { eventId, code });
  const res = await on.app.request('/webhooks/simulator', { method: 'POST', headers: hook.headers, body: hook.body });
  expect(res.status).toBeLessThan(300);
}

describe('tracking-page service over the read model', () => {
  it('builds the view: carrier manifest and own tracking page, city-level destination, masked contact', async () => {
    const order = await place(stack);
    const view = await stack.services.trackingPage.loadTrackingView(order.code);
    expect(view).toMatchObject({
      orderCode: order.code,
      status: 'order_received',
      carrier: { id: 'simulator', name: 'Demo Carrier', logoUrl: '/static/carriers/simulator.svg' },
      trackingNumber: order.trackingNumber,
      destination: { city: 'Portland', country: 'US' },
      // Masked in the stored view: the page never receives the whole address or number.
      contact: { email: `${order.code.slice(0, 1).toLowerCase()}•••@e•••.com`, phone: '••• 4567' },
      preferences: { channels: ['email'], language: 'en' },
    });
    expect(view?.carrier.trackingUrl).toMatch(new RegExp(`^https?://.+${order.trackingNumber}`));
    expect(JSON.stringify(view)).not.toContain('1 Main St');
    expect(await stack.services.trackingPage.findLookupSubject(order.code)).toEqual({ orderCode: order.code, email: `${order.code.toLowerCase()}@example.com`, postalCode: '97201' });
    expect(await stack.services.trackingPage.loadTrackingView('NO-SUCH-ORDER')).toBeNull();
  });

  it('takes feedback once, and only after delivery; the page then shows the answer', async () => {
    const order = await place(stack);
    const answer = { rating: 4, comment: 'On time.' };
    expect(await stack.services.trackingPage.saveFeedback(order.code, answer)).toBe('not_delivered');
    await scan(stack, order.trackingNumber, 'DL', `${order.code}-dl`);
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'delivered');
    const [first, second] = await Promise.all([
      stack.services.trackingPage.saveFeedback(order.code, answer),
      stack.services.trackingPage.saveFeedback(order.code, { rating: 1 }),
    ]);
    expect([first, second].sort()).toEqual(['already_given', 'saved']);
    const view = await stack.services.trackingPage.loadTrackingView(order.code);
    // The answer that won is the one stored, on the feedback document reports read too.
    expect(view?.feedback?.rating).toBe(first === 'saved' ? 4 : 1);
    expect(await stack.services.trackingPage.saveFeedback(order.code, { rating: 2 })).toBe('already_given');
    const page = await stack.app.request(order.path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Your parcel has been delivered');
  });

  it('My Orders lists a customer by the e-mail the orders were placed with; an unknown one has none', async () => {
    const email = `${uniqueName('mo').toLowerCase()}@example.com`;
    const a = await place(stack, { customer: { email, name: 'M O' } });
    const b = await place(stack, { customer: { email, name: 'M O' } });
    const rows = await stack.services.trackingPage.listCustomerOrders(email);
    expect(rows.map((r) => r.orderCode)).toEqual([b.code, a.code]);
    expect(rows[0]).toMatchObject({ trackingNumber: b.trackingNumber, status: 'order_received', carrier: { name: 'Demo Carrier' } });
    expect(await stack.services.trackingPage.listCustomerOrders('nobody@example.com')).toEqual([]);
  });

  it('SMS without a phone is refused with the storefront use-case\'s error, and the page does not offer it', async () => {
    const order = await place(stack, { customer: { email: `${uniqueName('np').toLowerCase()}@example.com` } });
    const html = await (await stack.app.request(order.path)).text();
    expect(html).toContain('value="email"');
    expect(html).not.toContain('value="sms"');
    await expect(stack.services.trackingPage.savePreferences(order.code, { channels: ['sms'], language: 'en' })).rejects.toMatchObject({ code: 'CHANNEL_NEEDS_PHONE' });
  });

  it('the page changes channels and language only: milestones, time zone and quiet hours stay; subscribing turns push on', async () => {
    const order = await place(stack);
    await settledOrder(stack.repos.orders, order.code);
    const settings = { channels: ['email'], triggers: ['delivered', 'exception'], language: 'en', timeZone: 'Europe/Istanbul', quietHours: { start: '22:00', end: '08:00' } };
    const put = await stack.app.request(`/api/v1/orders/${order.code}/notifications`, { method: 'PUT', headers: storefrontHeaders(), body: JSON.stringify(settings) });
    expect(put.status).toBe(200);

    await stack.services.trackingPage.savePreferences(order.code, { channels: ['email'], language: 'tr' });
    expect((await stack.repos.orders.findByCode(order.code))?.notificationPreferences).toEqual({ ...settings, language: 'tr' });

    const subscription = { endpoint: `https://push.example.test/${order.code}`, keys: { p256dh: 'BPk', auth: 'au' } };
    await stack.services.trackingPage.savePushSubscription(order.code, subscription);
    const prefs = (await stack.repos.orders.findByCode(order.code))?.notificationPreferences;
    expect(prefs).toEqual({ ...settings, language: 'tr', channels: ['email', 'push'] });
    // Subscribing a second browser changes nothing more.
    await stack.services.trackingPage.savePushSubscription(order.code, { ...subscription, endpoint: `${subscription.endpoint}/2` });
    expect((await stack.repos.orders.findByCode(order.code))?.notificationPreferences.channels).toEqual(['email', 'push']);
  });

  it('legacy random links redirect to a signed link until the cut-off, and are refused without one', async () => {
    const order = await place(legacyStack);
    const stored = await legacyStack.repos.orders.findByCode(order.code);
    const legacy = await legacyStack.app.request(`/t/${stored!.trackingToken}`);
    expect(legacy.status).toBe(302);
    expect(legacy.headers.get('location')).toMatch(/^\/t\/t1\./);
    const followed = await legacyStack.app.request(legacy.headers.get('location')!);
    expect(followed.status).toBe(200);
    expect(await followed.text()).toContain(order.code);

    const other = await place(stack);
    const refused = await stack.app.request(`/t/${(await stack.repos.orders.findByCode(other.code))!.trackingToken}`);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain(other.code);
  });
});
