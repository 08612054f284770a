import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, serious } from './browser.js';
import { serveMemoryWeb } from './serve-memory-web.js';

const OUT = 'test-results/web';
let browser: Browser;
let web: Awaited<ReturnType<typeof serveMemoryWeb>>;
const cspErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
  web = await serveMemoryWeb();
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** A phone: 360 px wide, touch, Turkish or English browser. */
async function phone(opts: { js?: boolean; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: opts.js ?? true,
    locale: opts.locale ?? 'en-GB',
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text());
  });
  return { context, page };
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
}

/** No horizontal scrolling at this width (responsive down to phones). */
async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('customer pages in Chromium at 360 px', () => {
  it('TC005: the tracking view shows carrier name and logo, timeline, map; no axe serious/critical violations', async () => {
    const { context, page } = await phone();
    await page.goto(`${web.url}${web.link('ORD-1001')}`);
    await expect.poll(() => page.locator('.carrier-name').textContent()).toBe('UPS');
    const logoWidth = await page.locator('img.carrier-logo').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(logoWidth).toBeGreaterThan(0);
    expect(await page.locator('[aria-current="step"] .step-name').textContent()).toBe('Shipped');
    expect(await page.locator('svg.map .map-scan').count()).toBe(3);
    await expectNoSideways(page);
    await shoot(page, 'tracking-in-transit-360');
    const violations = await axeViolations(page);
    expect(serious(violations), JSON.stringify(violations, null, 1)).toEqual([]);
    await context.close();
  });

  it('a missed delivery in Turkish; the lookup form, My Orders and the expired link pass axe too', async () => {
    const { context, page } = await phone({ locale: 'tr-TR' });
    await page.goto(`${web.url}${web.link('ORD-1003')}`);
    expect(await page.locator('h1').textContent()).toContain('Sizi evde bulamadık');
    await expectNoSideways(page);
    await shoot(page, 'tracking-attempted-tr-360');
    expect(serious(await axeViolations(page))).toEqual([]);
    for (const [name, path] of [
      ['lookup', '/track'],
      ['my-orders', web.myOrders('cust-1')],
      ['link-invalid', '/t/k1.e30.AAAAAAAAAAAAAAAAAAAAAA'],
    ] as const) {
      await page.goto(`${web.url}${path}`);
      await expectNoSideways(page);
      await shoot(page, `${name}-360`);
      const violations = await axeViolations(page);
      expect(serious(violations), `${name}: ${JSON.stringify(violations)}`).toEqual([]);
    }
    await context.close();
  });

  it('TC001: My Orders lists tracking number and status and opens the order', async () => {
    const { context, page } = await phone();
    await page.goto(`${web.url}${web.myOrders('cust-1')}`);
    const first = page.locator('.order-row').first();
    expect(await first.locator('.tracking-number').textContent()).toBe('1Z999AA10123456784');
    expect(await first.locator('.badge').textContent()).toBe('Your parcel is on its way');
    await first.locator('a.order-link').click();
    await page.waitForURL(/\/t\/k1\./);
    expect(await page.locator('.order-code').textContent()).toBe('Order ORD-1001');
    await context.close();
  });

  it('the lookup: a wrong e-mail gets the generic message, the right one opens the order', async () => {
    const { context, page } = await phone();
    await page.goto(`${web.url}/track`);
    await page.getByLabel('Order number').fill('ORD-1002');
    await page.getByLabel('E-mail address or postal code').fill('wrong@example.com');
    await page.getByRole('button', { name: 'Track order' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('We could not find an order with these details.');
    await page.getByLabel('E-mail address or postal code').fill('jane.doe@example.com');
    await page.getByRole('button', { name: 'Track order' }).click();
    await page.waitForURL(/\/t\/k1\./);
    expect(await page.locator('h1').textContent()).toContain('Your parcel has been delivered');
    await context.close();
  });

  it('preferences work without JavaScript (POST + redirect); feedback once after delivery', async () => {
    const { context, page } = await phone({ js: false });
    await page.goto(`${web.url}${web.link('ORD-1002')}`);
    await page.getByLabel('Text message (SMS)', { exact: false }).check();
    await page.getByLabel('Language').selectOption('tr');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/saved=preferences/);
    expect(await page.getByRole('status').first().textContent()).toContain('Kaydedildi.');
    expect(await page.locator('html').getAttribute('lang')).toBe('tr');
    expect(web.store.byCode.get('ORD-1002')!.view.preferences).toEqual({ channels: ['email', 'sms'], language: 'tr' });

    await page.locator('label[for="rating-5"]').click();
    await page.getByLabel('Yorum (isteğe bağlı)').fill('Erken geldi, iyi paketlenmişti.');
    await page.getByRole('button', { name: 'Gönder' }).click();
    await page.waitForURL(/saved=feedback/);
    expect(await page.locator('#feedback').textContent()).toContain('Bu teslimata 5 üzerinden 5 puan verdiniz.');
    await shoot(page, 'delivered-feedback-360');
    await context.close();
  });

  it('TC002 (in-memory source): an open page shows "out for delivery" without reload within 2 s', async () => {
    const { context, page } = await phone();
    await page.goto(`${web.url}${web.link('ORD-1001')}`);
    await page.locator('.live-note:not([hidden])').waitFor();
    const marker = await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = Math.random()));
    const started = Date.now();
    web.store.advance('ORD-1001', { status: 'out_for_delivery', milestone: 'out_for_delivery' });
    await page.locator('h1', { hasText: 'Your parcel arrives today' }).waitFor({ timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await page.evaluate(() => (globalThis as unknown as { marker: number }).marker)).toBe(marker);
    expect(await page.locator('[aria-current="step"] .step-name').textContent()).toBe('Out for delivery');
    await shoot(page, 'tracking-live-updated-360');
    await context.close();
  });

  it('the embed renders compact inside a shop page through the snippet', async () => {
    const { context, page } = await phone();
    const token = web.link('ORD-1003').slice(3);
    await page.goto(`${web.url}/embed/t/${token}?accent=0a7d55`);
    await shoot(page, 'embed-360');
    expect(serious(await axeViolations(page))).toEqual([]);
    await context.close();
  });

  it('no CSP violations were reported on any page', () => {
    expect(cspErrors).toEqual([]);
  });
});
