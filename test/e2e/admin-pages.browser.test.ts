import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoHistory } from '../../scripts/dev/demo-history.js';
import { systemActor } from '../../src/services/admin-actions/index.js';
import { serveStackApp, type ServedApi } from '../support/api-instance.js';
import { eventually } from '../support/eventually.js';
import { placeSimulatorOrder } from '../support/lifecycle.js';
import { uniqueName } from '../support/servers.js';
import type { TestStack } from '../support/stack.js';
import { useTestServers } from '../support/test-servers.js';
import { axeViolations, launchChromium, serious } from './browser.js';

/**
 * The admin pages in Debian's Chromium, served by the API over real Temporal, MongoDB-wire and the carrier
 * simulator, with the labelled synthetic history seeded and one real order stalled. Screenshots of the
 * main pages go to test-results/admin/.
 */
const OUT = 'test-results/admin';
const suite = useTestServers('dev', { carrierSim: true });
const PASSWORD = 'a long enough test password';
const ADMIN = 'ada.admin@shop.test';
const VIEWER = 'vera.viewer@shop.test';
let stack: TestStack;
let api: ServedApi;
let browser: Browser;
let stalledCode: string;
const cspErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  stack = await suite.stack({ env: { STALL_THRESHOLD: '3s' } });
  await stack.services.adminActions.createUser(systemActor('cli'), { email: ADMIN, role: 'admin', password: PASSWORD, displayName: 'Ada' });
  await stack.services.adminActions.createUser(systemActor('cli'), { email: VIEWER, role: 'viewer', password: PASSWORD, displayName: 'Vera' });
  await seedDemoHistory(stack.mongo, { orders: 1500, days: 60, end: Date.now(), log: () => {} });
  stalledCode = uniqueName('STALL');
  await placeSimulatorOrder(stack, stalledCode, { prepare: (tn) => suite.servers.sim.manualShipment(tn) });
  await eventually(() => stack.repos.projections.findShipment(stalledCode), (s) => Boolean(s?.stalledSince), 30_000);
  [api, browser] = await Promise.all([serveStackApp(stack), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function desk(width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text());
  });
  return { context, page };
}

async function signInAs(page: Page, email: string, password = PASSWORD) {
  await page.goto(`${api.url}/admin/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const shoot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });

/** Painted pixels of a chart's canvas (uPlot draws series on the first canvas in its box). */
const paintedPixels = (page: Page, chart: string) =>
  page.locator(`.chart[data-chart="${chart}"] canvas`).first().evaluate((el) => {
    const canvas = el as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });

describe('admin pages in Chromium', () => {
  it('sign-in: a wrong password is refused with a message, the right one opens the dashboard with its charts drawn', async () => {
    const { context, page } = await desk();
    await page.goto(`${api.url}/admin`);
    await page.waitForURL(/\/admin\/sign-in\?next=/);
    await signInAs(page, ADMIN, 'this is not the password');
    expect(await page.getByRole('alert').textContent()).toContain('Wrong e-mail or password.');
    await shoot(page, 'sign-in-wrong-password');
    expect(serious(await axeViolations(page))).toEqual([]);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${api.url}/admin`);
    expect(await page.locator('h1').textContent()).toBe('Dashboard');
    await page.locator('.chart[data-drawn="true"]').nth(1).waitFor();
    expect(await page.locator('.chart[data-chart="orders"] canvas').count()).toBeGreaterThan(0);
    expect(await paintedPixels(page, 'orders')).toBeGreaterThan(500);
    expect(await paintedPixels(page, 'ontime')).toBeGreaterThan(200);
    expect(await page.locator('.synthetic').textContent()).toContain('Synthetic data');
    expect(Number(await page.locator('.synthetic').getAttribute('data-synthetic'))).toBeGreaterThan(500);
    await shoot(page, 'dashboard');
    expect(serious(await axeViolations(page))).toEqual([]);
    await context.close();
  }, 60_000);

  it('carrier comparison: four charts drawn, carriers side by side, the CSV downloads with a row per carrier', async () => {
    const { context, page } = await desk();
    await signInAs(page, ADMIN);
    await page.goto(`${api.url}/admin/carriers`);
    await page.locator('.chart[data-drawn="true"]').nth(3).waitFor();
    for (const chart of ['weekly', 'time', 'trouble', 'rating']) expect(await paintedPixels(page, chart)).toBeGreaterThan(200);
    const heads = await page.locator('table.compare thead th[data-carrier]').allTextContents();
    expect(heads.length).toBeGreaterThanOrEqual(5);
    await shoot(page, 'carriers');
    expect(serious(await axeViolations(page))).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^delivery-performance-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]!.startsWith('carrier,orders,in_flight,delivered,')).toBe(true);
    expect(csv.map((l) => l.split(',')[0])).toEqual(expect.arrayContaining(['ups', 'fedex', 'usps', 'dhl', 'total']));
    expect(Number(csv.at(-1)!.split(',')[1])).toBeGreaterThan(500);
    await context.close();
  }, 60_000);

  it('stalled list → poll now: the notice shows and the audit log has the entry with the actor', async () => {
    const { context, page } = await desk();
    await signInAs(page, ADMIN);
    await page.goto(`${api.url}/admin/stalled`);
    const row = page.locator(`tr[data-order="${stalledCode}"]`);
    expect(await row.locator('.badge').first().textContent()).toMatch(/alert open|no alert/);
    await shoot(page, 'stalled');
    expect(serious(await axeViolations(page))).toEqual([]);
    await row.getByRole('button', { name: `Poll now: ${stalledCode}` }).click();
    await page.waitForURL(/\/admin\/stalled\?done=polled/);
    expect(await page.getByRole('status').textContent()).toContain('Poll requested');
    await page.goto(`${api.url}/admin/audit?order=${stalledCode}`);
    const entry = page.locator('tr[data-action="shipment.poll-now"]');
    await entry.first().waitFor();
    expect(await entry.first().textContent()).toContain(ADMIN);
    await shoot(page, 'audit');
    expect(serious(await axeViolations(page))).toEqual([]);
    await page.goto(`${api.url}/admin/shipments/${stalledCode}`);
    expect(await page.locator('h1').textContent()).toBe(`Order ${stalledCode}`);
    await shoot(page, 'shipment');
    expect(serious(await axeViolations(page))).toEqual([]);
    for (const path of ['/admin/webhooks', '/admin/users', '/admin/health']) {
      await page.goto(`${api.url}${path}`);
      await shoot(page, path.slice('/admin/'.length));
      expect(serious(await axeViolations(page))).toEqual([]);
    }
    await context.close();
  }, 60_000);

  it('a viewer sees no action buttons; at 360 px the dashboard does not scroll sideways', async () => {
    const { context, page } = await desk(360);
    await signInAs(page, VIEWER);
    await page.waitForURL(`${api.url}/admin`);
    await page.locator('.chart[data-drawn="true"]').first().waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shoot(page, 'dashboard-360-viewer');
    await page.goto(`${api.url}/admin/stalled`);
    expect(await page.locator(`tr[data-order="${stalledCode}"]`).count()).toBe(1);
    expect(await page.getByRole('button', { name: /Poll now|Mark handled|Add note/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Users & keys' }).count()).toBe(0);
    await page.goto(`${api.url}/admin/shipments/${stalledCode}`);
    expect(await page.getByRole('button', { name: /Poll now|Add note/ }).count()).toBe(0);
    await shoot(page, 'stalled-viewer');
    await context.close();
  }, 60_000);

  it('no Content-Security-Policy violations on any page', () => {
    expect(cspErrors).toEqual([]);
  });
});
