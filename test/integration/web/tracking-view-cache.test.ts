import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSecondApi, serveStackApp, type ServedApi } from '../../support/api-instance.js';
import { eventually } from '../../support/eventually.js';
import { orderBody, storefrontHeaders } from '../../support/orders.js';
import { uniqueName } from '../../support/servers.js';
import { settledOrder } from '../../support/settled-order.js';
import { simWebhook } from '../../support/sim-webhook.js';
import type { TestStack } from '../../support/stack.js';
import { useTestServers } from '../../support/test-servers.js';

/**
 * The per-process tracking-view cache across two API processes on one database (real Temporal, FerretDB
 * and the carrier simulator): what one process writes reaches the other's cached views through the change
 * feed within the live poll interval, and a customer's own save is seen at once.
 */
const suite = useTestServers('dev', { carrierSim: true });
let stack: TestStack;
let a: ServedApi;
let b: ServedApi;
/** The feed polls every LIVE_POLL_INTERVAL (500 ms): two polls and the query's own time. */
const WITHIN_MS = 2 * 500 + 1_000;

beforeAll(async () => {
  stack = await suite.stack();
  [a, b] = await Promise.all([serveStackApp(stack), serveSecondApi(stack)]);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

async function place() {
  const code = uniqueName('VC');
  const res = await stack.app.request('/api/v1/orders', { method: 'POST', headers: storefrontHeaders(), body: JSON.stringify(orderBody(code)) });
  expect(res.status).toBe(201);
  const order = (await res.json()) as { trackingPageUrl: string; carrier: { trackingNumber: string } };
  await suite.servers.sim.manualShipment(order.carrier.trackingNumber);
  await settledOrder(stack.repos.orders, code);
  return { code, trackingNumber: order.carrier.trackingNumber, path: new URL(order.trackingPageUrl).pathname };
}

const page = async (api: ServedApi, path: string) => {
  const res = await fetch(`${api.url}${path}`);
  expect(res.status).toBe(200);
  return res.text();
};

/** Polls `path` on `api` until `ok(html)`; returns how long it took. */
async function timeUntil(api: ServedApi, path: string, ok: (html: string) => boolean): Promise<number> {
  const started = Date.now();
  await eventually(() => page(api, path), ok, 10_000, 50);
  return Date.now() - started;
}

describe('tracking-view cache across API processes', () => {
  it('serves a cached view, and a status change applied by another process replaces it within the poll interval', async () => {
    const order = await place();
    expect(await page(b, order.path)).toContain('Widget');
    // Written behind the feed's back into the order's view document (no revision, no view change): process B keeps serving its copy,
    // which shows the page came from the cache and not from the database.
    await stack.mongo.db!.collection('tracking_views').updateOne({ orderCode: order.code }, { $set: { 'items.0.name': 'Teapot' } });
    await new Promise((r) => setTimeout(r, WITHIN_MS));
    expect(await page(b, order.path)).not.toContain('Teapot');
    expect(await page(a, order.path), 'process A had no copy').toContain('Teapot');

    // The carrier's scan reaches process A; the workflow projects a new revision.
    const before = (await stack.repos.orders.findByCode(order.code))!.revision;
    const hook = simWebhook(order.trackingNumber, { eventId: `${order.code}-pu`, code: 'PU' });
    expect((await fetch(`${a.url}/webhooks/simulator`, { method: 'POST', headers: hook.headers, body: hook.body })).status).toBeLessThan(300);
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => (o?.revision ?? 0) > before, 20_000, 20);
    const took = await timeUntil(b, order.path, (html) => html.includes('Teapot'));
    expect(took).toBeLessThan(WITHIN_MS);
  });

  it('preferences saved on one process: the other shows them within the poll interval, and at once on the page after the save', async () => {
    const order = await place();
    expect(await page(a, order.path)).toContain('<html lang="en"');
    expect(await page(b, order.path)).toContain('<html lang="en"');
    const save = (language: string) =>
      fetch(`${a.url}${order.path}/preferences`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `channels=email&language=${language}`,
        redirect: 'manual',
      });

    const saved = await save('tr');
    expect(saved.status).toBe(303);
    // The same process dropped its copy at once.
    expect(await page(a, order.path)).toContain('<html lang="tr"');
    // The other process hears of it through the feed (view_changes).
    expect(await timeUntil(b, order.path, (html) => html.includes('<html lang="tr"'))).toBeLessThan(WITHIN_MS);

    // The redirect after a save may land on the other process before its feed polls: it reads past the cache.
    const back = await save('en');
    const location = back.headers.get('location')!;
    expect(location).toContain('saved=preferences');
    const after = await page(b, location.split('#')[0]!);
    expect(after).toContain('<html lang="en"');
    expect(await page(b, order.path)).toContain('<html lang="en"');
  });
});
