import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/create-app.js';
import { createCustomerPages } from '../../../src/bin/customer-pages.js';
import { createNotificationPreferenceRepository } from '../../../src/db/notification-preferences/repository.js';
import { shipmentWorkflowId } from '../../../src/domain/ids.js';
import { freePort } from '../../../src/embedded/free-port.js';
import { createLogger } from '../../../src/observability/logger.js';
import { createServices, type Services } from '../../../src/services/services.js';
import { trackingPageUrlSigner } from '../../../src/web/links/tracking-page-url.js';
import { orderBody, storefrontHeaders } from '../../support/orders.js';
import { uniqueName } from '../../support/servers.js';
import type { TestStack } from '../../support/stack.js';
import { useTestServers } from '../../support/test-servers.js';

/**
 * The tracking page's preferences form (a plain form POST) on an API instance whose Temporal frontend is
 * unreachable (nothing listens at its address), beside a healthy instance on the same database and
 * Temporal: the customer gets the page again with a message in their language, 503 and Retry-After, and
 * nothing of the change is applied anywhere (order, standing choice, workflow).
 */
const suite = useTestServers('dev', { carrierSim: true });
let stack: TestStack;
let down: { app: ReturnType<typeof createApp>; services: Services; connection: Connection; stopPages(): Promise<void> };

beforeAll(async () => {
  stack = await suite.stack();
  const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '1s' });
  const logger = createLogger('silent');
  const web = stack.config.web!;
  const services = createServices({
    mongo: stack.mongo,
    temporal: new Client({ connection, namespace: stack.config.temporal.namespace }),
    config: stack.config,
    logger,
    carriers: stack.carriers,
    trackingPageUrl: trackingPageUrlSigner(web),
  });
  const pages = createCustomerPages({ services, settings: web, logger });
  const app = createApp({ services, logger, auth: stack.config.auth, publicBaseUrl: stack.config.http.publicBaseUrl, extraRouters: [{ path: '/', router: pages.router }] });
  down = { app, services, connection, stopPages: () => pages.stop() };
});

afterAll(async () => {
  await down?.stopPages();
  await down?.services.webhookRelay.close();
  await down?.connection.close().catch(() => {});
});

async function place(language: string) {
  const code = uniqueName('PREFDOWN');
  const res = await stack.app.request('/api/v1/orders', {
    method: 'POST',
    headers: storefrontHeaders({ 'idempotency-key': `key-${code}` }),
    body: JSON.stringify(orderBody(code, { notifications: { channels: ['email'], language } })),
  });
  expect(res.status).toBe(201);
  const order = (await res.json()) as { trackingPageUrl: string };
  await suite.servers.sim.manualShipment((await stack.repos.orders.findByCode(code))!.trackingNumber!);
  return { code, path: new URL(order.trackingPageUrl).pathname };
}

const postPreferences = (app: { request: ReturnType<typeof createApp>['request'] }, path: string, form: string, language = 'en') =>
  app.request(`${path}/preferences`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': language }, body: form });

async function preferenceSignals(code: string): Promise<number> {
  const history = await stack.temporal.workflow.getHandle(shipmentWorkflowId(code)).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'preferencesChanged').length;
}

async function expectUnchanged(code: string, language: string) {
  const order = await stack.repos.orders.findByCode(code);
  expect(order?.notificationPreferences).toMatchObject({ channels: ['email'], language });
  const standing = await createNotificationPreferenceRepository(stack.mongo).find(order!.customerId);
  expect(standing).toMatchObject({ channels: ['email'], language });
  expect(await preferenceSignals(code)).toBe(0);
}

describe('the preferences form while Temporal is unreachable', () => {
  it('answers the page again (English), 503 with Retry-After, and changes nothing; the same form saves once Temporal answers', async () => {
    const { code, path } = await place('en');
    const res = await postPreferences(down.app, path, 'channels=email&channels=sms&language=en');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="en"');
    expect(html.match(/We could not save your choices just now/g)).toHaveLength(2); // at the top, and at the form
    expect(html).toContain('Nothing was changed: updates about this order still go by E-mail.');
    // The customer's new choice stays ticked, so Save sends it again; no error JSON, no internals.
    expect(html).toMatch(/<input[^>]*value="sms"[^>]*checked/);
    expect(html).not.toContain('"error"');
    expect(html).not.toMatch(/TEMPORAL_UNAVAILABLE|Workflow service unreachable|\bat .+\.ts:\d+/);
    await expectUnchanged(code, 'en');

    // The healthy instance takes the same form: stored on the order, as the customer's choice, and signalled.
    const saved = await postPreferences(stack.app, path, 'channels=email&channels=sms&language=en');
    expect(saved.status).toBe(303);
    expect((await stack.repos.orders.findByCode(code))?.notificationPreferences.channels).toEqual(['email', 'sms']);
    expect(await preferenceSignals(code)).toBe(1);
  }, 60_000);

  it('says it in Turkish for a Turkish order, and keeps its choice', async () => {
    const { code, path } = await place('tr');
    const res = await postPreferences(down.app, path, 'language=en', 'en-US');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    const html = await res.text();
    expect(html).toContain('<html lang="tr"');
    expect(html).toContain('Seçimlerinizi şu anda kaydedemedik');
    expect(html).toContain('Hiçbir şey değişmedi: bu siparişle ilgili güncellemeler yine E-posta ile gelecek.');
    await expectUnchanged(code, 'tr');
  }, 60_000);
});
