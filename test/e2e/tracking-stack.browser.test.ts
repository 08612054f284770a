import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCustomerToken, signTrackingToken } from '../../src/web/links/tracking-links.js';
import { webConfigSchema } from '../../src/web/web-config.js';
import { shipmentWorkflowId } from '../../src/domain/ids.js';
import { serveSecondApi, serveStackApp, type ServedApi } from '../support/api-instance.js';
import { eventually } from '../support/eventually.js';
import { orderBody, storefrontHeaders } from '../support/orders.js';
import { uniqueName } from '../support/servers.js';
import { simWebhook } from '../support/sim-webhook.js';
import type { TestStack } from '../support/stack.js';
import { useTestServers } from '../support/test-servers.js';
import { axeViolations, launchChromium, serious } from './browser.js';

/**
 * The customer pages as the API process serves them, over real Temporal, MongoDB-wire and the carrier
 * simulator: orders placed through the API, carrier webhooks, the workflow's projection, the live stream.
 */
const OUT = 'test-results/web-stack';
const suite = useTestServers('dev', { carrierSim: true });
let stack: TestStack;
let viewerApi: ServedApi;
let webhookApi: ServedApi;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  stack = await suite.stack();
  // The page's API instance and the one carriers reach: two processes' worth of connections and pollers.
  [viewerApi, webhookApi, browser] = await Promise.all([serveStackApp(stack), serveSecondApi(stack), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await viewerApi?.close();
  await webhookApi?.close();
});

const linkSettings = () => {
  const web = webConfigSchema.parse(stack.config.web);
  return { keys: web.linkKeys, customerKeys: web.customerKeys, trackingLinkTtlMs: web.trackingLinkTtlMs };
};

/** Places an order through the storefront API; answers its code, tracking number and page path. */
async function placeOrder(overrides: Record<string, unknown> = {}) {
  const code = uniqueName('WEB');
  const body = orderBody(code, overrides);
  const res = await fetch(`${viewerApi.url}/api/v1/orders`, { method: 'POST', headers: storefrontHeaders(), body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  const order = (await res.json()) as { trackingPageUrl: string; carrier: { trackingNumber: string } };
  await suite.servers.sim.manualShipment(order.carrier.trackingNumber);
  return { code, email: body.customer.email, trackingNumber: order.carrier.trackingNumber, path: new URL(order.trackingPageUrl).pathname };
}

async function phone(): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, locale: 'en-GB' });
  return { page: await context.newPage(), close: () => context.close() };
}

const shoot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });

describe('customer pages on the running system (Chromium, 360 px)', () => {
  it('TC002: a carrier webhook handled by another API instance shows "out for delivery" on the open page within 2 s, no reload', async () => {
    const order = await placeOrder();
    const { page, close } = await phone();
    await page.goto(`${viewerApi.url}${order.path}`);
    expect(await page.locator('h1').textContent()).toContain('We have received your order');
    await page.locator('.live-note:not([hidden])').waitFor();
    const marker = await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = Math.random()));

    const hook = simWebhook(order.trackingNumber, { eventId: `${order.code}-od`, code: 'OD', description: 'Out for delivery' });
    const sentAt = Date.now();
    const accepted = await fetch(`${webhookApi.url}/webhooks/simulator`, { method: 'POST', headers: hook.headers, body: hook.body });
    expect(accepted.status).toBeLessThan(300);
    await page.locator('h1', { hasText: 'Your parcel arrives today' }).waitFor({ timeout: 2_000 });
    const latencyMs = Date.now() - sentAt;
    expect(latencyMs).toBeLessThan(2_000);
    // The same document: updated in place, not reloaded.
    expect(await page.evaluate(() => (globalThis as unknown as { marker: number }).marker)).toBe(marker);
    expect(await page.locator('[aria-current="step"] .step-name').textContent()).toBe('Out for delivery');
    await shoot(page, 'tc002-live-out-for-delivery');
    await close();
  });

  it('TC005: the carrier\'s name, served logo and own tracking page; no serious axe violations', async () => {
    const order = await placeOrder();
    const { page, close } = await phone();
    await page.goto(`${viewerApi.url}${order.path}`);
    expect(await page.locator('.carrier-name').textContent()).toBe('Demo Carrier');
    const logoWidth = await page.locator('img.carrier-logo').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(logoWidth).toBeGreaterThan(0);
    expect(await page.getByText(order.trackingNumber).count()).toBeGreaterThan(0);
    await shoot(page, 'tc005-carrier');
    expect(serious(await axeViolations(page))).toEqual([]);
    await close();
  });

  it('TC001: My Orders lists the orders placed through the API with tracking number and status, and opens them', async () => {
    const email = `${uniqueName('buyer').toLowerCase()}@example.com`;
    const first = await placeOrder({ customer: { email, name: 'Ada Buyer' } });
    const second = await placeOrder({ customer: { email, name: 'Ada Buyer' } });
    const token = signCustomerToken(linkSettings(), email, Date.now() + 3_600_000);
    const { page, close } = await phone();
    await page.goto(`${viewerApi.url}/my-orders?token=${encodeURIComponent(token)}`);
    const rows = page.locator('.order-row');
    expect(await rows.count()).toBe(2);
    // Newest first.
    expect(await rows.nth(0).getAttribute('data-order')).toBe(second.code);
    expect(await rows.nth(0).locator('.tracking-number').textContent()).toBe(second.trackingNumber);
    expect(await rows.nth(1).locator('.tracking-number').textContent()).toBe(first.trackingNumber);
    expect(await rows.nth(0).locator('.badge').textContent()).toBe('We have received your order');
    await shoot(page, 'tc001-my-orders');
    await rows.nth(1).locator('a.order-link').click();
    await page.waitForURL(/\/t\/t1\./);
    expect(await page.locator('.order-code').textContent()).toContain(first.code);
    await close();
  });

  it('the lookup: a wrong e-mail gets the generic answer, the right one opens the order', async () => {
    const order = await placeOrder();
    const { page, close } = await phone();
    await page.goto(`${viewerApi.url}/track`);
    await page.getByLabel('Order number').fill(order.code);
    await page.getByLabel('E-mail address or postal code').fill('someone.else@example.com');
    await page.getByRole('button', { name: 'Track order' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('We could not find an order with these details.');
    await shoot(page, 'lookup-wrong-email');
    await page.getByLabel('E-mail address or postal code').fill(order.email);
    await page.getByRole('button', { name: 'Track order' }).click();
    await page.waitForURL(/\/t\/t1\./);
    expect(await page.locator('.order-code').textContent()).toContain(order.code);
    await close();
  });

  it('expired and tampered links show the re-entry page and no order data', async () => {
    const order = await placeOrder();
    const expired = signTrackingToken(linkSettings(), order.code, Date.now() - linkSettings().trackingLinkTtlMs - 60_000);
    const valid = order.path.slice('/t/'.length);
    const tampered = `${valid.slice(0, -2)}${valid.endsWith('AA') ? 'BB' : 'AA'}`;
    const { page, close } = await phone();
    for (const [name, token, status] of [['expired', expired, 410], ['tampered', tampered, 404]] as const) {
      const res = await page.goto(`${viewerApi.url}/t/${token}`);
      expect(res?.status()).toBe(status);
      expect(await page.locator('h1').textContent()).toBe('This link no longer works');
      expect(await page.content()).not.toContain(order.code);
      expect(await page.content()).not.toContain(order.trackingNumber);
      await shoot(page, `link-${name}`);
    }
    await close();
  });

  it('preferences saved on the page reach the order and its running workflow', async () => {
    const order = await placeOrder();
    const { page, close } = await phone();
    await page.goto(`${viewerApi.url}${order.path}`);
    await page.getByLabel('Text message (SMS)', { exact: false }).check();
    await page.getByLabel('Language').selectOption('tr');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/saved=preferences/);
    expect(await page.locator('html').getAttribute('lang')).toBe('tr');
    await shoot(page, 'preferences-saved-tr');
    const stored = await stack.repos.orders.findByCode(order.code);
    expect(stored?.notificationPreferences).toMatchObject({ channels: ['email', 'sms'], language: 'tr' });
    const handle = stack.temporal.workflow.getHandle(shipmentWorkflowId(order.code));
    // The workflow heard of it (the signal the storefront's PUT …/notifications sends).
    const signalled = await eventually(
      async () => (await handle.fetchHistory()).events?.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'preferencesChanged') ?? [],
      (events) => events.length > 0,
    );
    expect(signalled).toHaveLength(1);
    await close();
  });
});
