import { beforeAll, describe, expect, it } from 'vitest';
import { createEtaOutcomeRepository } from '../../../src/db/eta-outcomes/repository.js';
import { systemActor } from '../../../src/services/admin-actions/index.js';
import { seedDemoHistory } from '../../../scripts/dev/demo-history.js';
import { adminClient, hiddenField, signIn, type AdminClient } from '../../support/admin-client.js';
import { eventually } from '../../support/eventually.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { uniqueName } from '../../support/servers.js';
import type { TestStack } from '../../support/stack.js';
import { useTestServers } from '../../support/test-servers.js';

/**
 * The admin pages as the API serves them (app.request), on real Temporal, MongoDB-wire and the carrier
 * simulator: sign-in and its throttle, the session cookie, session fixation, CSRF, roles, the CSV export,
 * and the dashboard's figures against the report over the same data.
 */
const suite = useTestServers('dev', { carrierSim: true });
let stack: TestStack;
const PASSWORD = 'correct horse battery staple';
const users = { admin: 'ada.admin@shop.test', operator: 'otto.operator@shop.test', viewer: 'vera.viewer@shop.test' };
let stalledCode: string;

const client = (): AdminClient => adminClient((path, init) => Promise.resolve(stack.app.request(path, init)));

beforeAll(async () => {
  stack = await suite.stack({ env: { STALL_THRESHOLD: '3s' } });
  for (const [role, email] of Object.entries(users)) await stack.services.adminActions.createUser(systemActor('cli'), { email, role, password: PASSWORD });
  await seedDemoHistory(stack.mongo, { orders: 300, days: 30, end: Date.now(), log: () => {} });
  stalledCode = uniqueName('STALL');
  await placeSimulatorOrder(stack, stalledCode, { prepare: (tn) => suite.servers.sim.manualShipment(tn) });
  await eventually(() => stack.repos.projections.findShipment(stalledCode), (s) => Boolean(s?.stalledSince), 30_000);
}, 90_000);

describe('admin pages: sign-in, session, CSRF and roles', () => {
  it('signed out: pages redirect to the sign-in page, forms are refused', async () => {
    const c = client();
    const page = await c.request('/admin/stalled');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/sign-in?next=%2Fadmin%2Fstalled');
    const post = await c.request(`/admin/shipments/${stalledCode}/poll-now`, { form: { _csrf: 'x' } });
    expect(post.status).toBe(401);
  });

  it('a wrong password gets the form again (401), the right one a session cookie (HttpOnly, SameSite=Lax, Path=/admin)', async () => {
    const c = client();
    const wrong = await signIn(c, users.operator, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong e-mail or password.');
    expect(c.cookies.has('ot_admin')).toBe(false);
    const right = await signIn(c, users.operator, PASSWORD);
    expect(right.status).toBe(303);
    const cookie = right.headers.getSetCookie().find((l) => l.startsWith('ot_admin='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await c.request('/admin/stalled')).status).toBe(200);
  });

  it('a sign-in, a refused sign-in and a sign-out are in the audit log (with the address, never the password)', async () => {
    const email = `${uniqueName('audit').toLowerCase()}@shop.test`;
    await stack.services.adminActions.createUser(systemActor('cli'), { email, role: 'viewer', password: PASSWORD });
    const c = client();
    expect((await signIn(c, email, 'a wrong password here')).status).toBe(401);
    expect((await signIn(c, email, PASSWORD)).status).toBe(303);
    const out = await c.request('/admin/sign-out', { form: { _csrf: c.csrf ?? '' } });
    expect(out.status).toBe(303);
    expect((await c.request('/admin/stalled')).status).toBe(303);

    const mine = (await stack.services.audit.search({ actor: email, limit: 50 })).entries.map((e) => e.action);
    expect(mine.filter((a) => a === 'user.signed-in')).toHaveLength(1);
    expect(mine.filter((a) => a === 'user.signed-out')).toHaveLength(1);
    const refused = (await stack.services.audit.search({ actor: 'system', limit: 200 })).entries.filter((e) => e.action === 'user.sign-in-failed' && e.details.email === email);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.details).toEqual({ email, ip: expect.any(String), reason: 'invalid_credentials' });
    expect(JSON.stringify(refused[0])).not.toContain('wrong password');
  });

  it('/admin/ (as people type it) redirects to /admin, keeping the query', async () => {
    const res = await client().request('/admin/?from=2026-01-01');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/admin?from=2026-01-01');
  });

  it('the sign-in form needs its pre-session token (no login CSRF)', async () => {
    const c = client();
    const res = await c.request('/admin/sign-in', { form: { email: users.operator, password: PASSWORD } });
    expect(res.status).toBe(403);
    expect(c.cookies.has('ot_admin')).toBe(false);
  });

  it('session fixation: the session the browser came with is ended at sign-in, the new one differs', async () => {
    const c = client();
    await signIn(c, users.viewer, PASSWORD);
    const planted = c.cookies.get('ot_admin')!;
    await signIn(c, users.operator, PASSWORD);
    expect(c.cookies.get('ot_admin')).not.toBe(planted);
    const other = client();
    other.cookies.set('ot_admin', planted);
    expect((await other.request('/admin/stalled')).status).toBe(303);
  });

  it('CSRF: a form without the session token is refused (403) and audits nothing; with it, poll now is audited', async () => {
    const c = client();
    await signIn(c, users.operator, PASSWORD);
    const audited = async () => (await stack.services.audit.search({ orderCode: stalledCode, limit: 50 })).entries.filter((e) => e.action === 'shipment.poll-now');
    const before = (await audited()).length;
    const forged = await c.request(`/admin/shipments/${stalledCode}/poll-now`, { form: { back: '/admin/stalled' } });
    expect(forged.status).toBe(403);
    const wrongToken = await c.request(`/admin/shipments/${stalledCode}/poll-now`, { form: { _csrf: 'A'.repeat(43) } });
    expect(wrongToken.status).toBe(403);
    expect(await audited()).toHaveLength(before);
    const ok = await c.request(`/admin/shipments/${stalledCode}/poll-now`, { form: { _csrf: c.csrf!, back: '/admin/stalled' } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/admin/stalled?done=polled');
    const entries = await audited();
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ source: 'admin-page', actor: { kind: 'user', email: users.operator } });
  });

  it('a viewer sees the stalled list without action buttons and is refused (403) when posting anyway', async () => {
    const c = client();
    await signIn(c, users.viewer, PASSWORD);
    const html = await (await c.request('/admin/stalled')).text();
    expect(html).toContain(stalledCode);
    expect(html).not.toContain('Poll now');
    expect(html).not.toContain('Mark handled');
    expect(html).not.toContain('Users &amp; keys');
    const res = await c.request(`/admin/shipments/${stalledCode}/poll-now`, { form: { _csrf: c.csrf! } });
    expect(res.status).toBe(403);
    expect((await c.request('/admin/users')).status).toBe(403);
  });

  it('sign-out ends the session (and needs the CSRF token)', async () => {
    const c = client();
    await signIn(c, users.viewer, PASSWORD);
    const cookie = c.cookies.get('ot_admin')!;
    expect((await c.request('/admin/sign-out', { form: {} })).status).toBe(403);
    const out = await c.request('/admin/sign-out', { form: { _csrf: c.csrf! } });
    expect(out.headers.get('location')).toBe('/admin/sign-in?signed-out=1');
    const again = client();
    again.cookies.set('ot_admin', cookie);
    expect((await again.request('/admin')).status).toBe(303);
  });

  it('too many failed sign-ins: 429 with Retry-After, even with the right password', async () => {
    const email = `locked-${uniqueName('u').toLowerCase()}@shop.test`;
    await stack.services.adminActions.createUser(systemActor('cli'), { email, role: 'viewer', password: PASSWORD });
    const c = client();
    for (let i = 0; i < 5; i++) expect((await signIn(c, email, 'wrong password number')).status).toBe(401);
    const limited = await signIn(c, email, PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Too many failed sign-ins');
  });
});

describe('admin pages: figures and export', () => {
  it('the dashboard shows the report\'s figures and says the data is synthetic', async () => {
    const c = client();
    await signIn(c, users.viewer, PASSWORD);
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    const html = await (await c.request(`/admin?from=${from}&to=${to}`)).text();
    const synthetic = Number(/data-synthetic="(\d+)"/.exec(html)?.[1]);
    expect(synthetic).toBeGreaterThan(250);
    expect(html).toContain('id="chart-data"');
    const charts = JSON.parse(/<script type="application\/json" id="chart-data">([^<]*)<\/script>/.exec(html)![1]!) as Record<string, { series: { values: number[] }[] }>;
    const ordersPerDay = charts.orders!.series[0]!.values.reduce((s, v) => s + v, 0);
    expect(ordersPerDay).toBeGreaterThanOrEqual(synthetic);
    expect(html).toMatch(new RegExp(`<p class="kpi-label">Orders</p><p class="kpi-value">${ordersPerDay.toLocaleString('en-US')}</p>`));
  });

  it('the synthetic history scores ETA accuracy on the dashboard, but never feeds the lane history or training', async () => {
    const c = client();
    await signIn(c, users.viewer, PASSWORD);
    const html = await (await c.request('/admin')).text();
    const tile = /<p class="kpi-label">ETA accuracy<\/p><p class="kpi-value">([^<]*)<\/p>/.exec(html)?.[1];
    expect(tile).toMatch(/^±\d+\.\d\d d$/);
    const outcomes = createEtaOutcomeRepository(stack.mongo);
    expect((await outcomes.accuracyBy('carrier')).reduce((n, g) => n + g.n, 0)).toBeGreaterThan(100);
    expect((await outcomes.listDelivered()).filter((o) => o.orderCode.startsWith('SYN-'))).toEqual([]);
    const recent = await outcomes.recentDeliveries({ deliveredAfter: '2000-01-01T00:00:00.000Z', limit: 5_000 });
    expect(recent.filter((o) => o.orderCode.startsWith('SYN-'))).toEqual([]);
  });

  it('the synthetic history is past orders: the start sweep finds none of them to start a workflow for', async () => {
    const waiting = await stack.repos.orders.findWithoutWorkflow(5_000);
    expect(waiting.filter((o) => o.code.startsWith('SYN-'))).toEqual([]);
  });

  it('the carrier CSV: one row per carrier and a total, the same orders as the dashboard', async () => {
    const c = client();
    await signIn(c, users.viewer, PASSWORD);
    const res = await c.request('/admin/carriers.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="delivery-performance-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"/);
    const rows = (await res.text()).trim().split('\r\n').map((l) => l.split(','));
    expect(rows[0]!.slice(0, 3)).toEqual(['carrier', 'orders', 'in_flight']);
    const carriers = rows.slice(1, -1);
    expect(carriers.map((r) => r[0])).toEqual(expect.arrayContaining(['ups', 'fedex', 'usps', 'dhl', 'simulator']));
    const total = rows.at(-1)!;
    expect(total[0]).toBe('total');
    expect(carriers.reduce((s, r) => s + Number(r[1]), 0)).toBe(Number(total[1]));
  });

  it('the shipment page lists the order\'s status changes, notes and audited actions; the raw payload link serves text', async () => {
    const c = client();
    await signIn(c, users.operator, PASSWORD);
    const note = await c.request(`/admin/shipments/${stalledCode}/notes`, { form: { _csrf: c.csrf!, text: 'Called the carrier <b>hotline</b>' } });
    expect(note.status).toBe(303);
    const html = await (await c.request(`/admin/shipments/${stalledCode}`)).text();
    expect(html).toContain('Called the carrier &lt;b&gt;hotline&lt;/b&gt;');
    expect(html).toContain('shipment.note-added');
    expect(html).toContain(`http://temporal-ui.test/namespaces/${stack.config.temporal.namespace}/workflows/`);
    expect(hiddenField(html, '_csrf')).toBe(c.csrf);
    expect((await c.request('/admin/webhooks/0123456789abcdef01234567/raw')).status).toBe(404);
  });
});

describe('admin pages: carrier health', () => {
  it('lists the polled carriers with their state', async () => {
    const c = client();
    await signIn(c, users.viewer, PASSWORD);
    const html = await eventually(
      async () => (await c.request('/admin/health')).text(),
      (page) => page.includes('data-carrier="simulator"'),
      20_000,
      500,
    );
    expect(html).toContain('<h1>Carrier health</h1>');
    expect(html).toMatch(/data-carrier="simulator" data-state="(healthy|outage|recovering)"/);
  });
});

describe('admin pages: people and keys', () => {
  it('an admin creates a key (shown once, then only its id), revokes it; the key works until then', async () => {
    const c = client();
    await signIn(c, users.admin, PASSWORD);
    const created = await c.request('/admin/keys', { form: { _csrf: c.csrf!, name: 'Warehouse robot', scopes: ['admin:read'] } });
    expect(created.status).toBe(200);
    const html = await created.text();
    const key = /(otk_live_[0-9a-f]{16}_[A-Za-z0-9_-]{43})/.exec(html)?.[1];
    expect(key).toBeDefined();
    const keyId = key!.slice('otk_live_'.length, 'otk_live_'.length + 16);
    const listed = await (await c.request('/admin/users')).text();
    expect(listed).toContain(`otk_live_${keyId}`);
    expect(listed).not.toContain(key!);
    const api = () => stack.app.request('/api/v1/admin/webhooks/unmatched', { headers: { authorization: `Bearer ${key}` } });
    expect((await api()).status).toBe(200);
    const revoked = await c.request(`/admin/keys/${keyId}/revoke`, { form: { _csrf: c.csrf! } });
    expect(revoked.headers.get('location')).toBe('/admin/users?done=revoked');
    expect((await api()).status).toBe(401);
  });

  it('an admin adds a person (password shown once) who can then sign in; an operator cannot open the page', async () => {
    const c = client();
    await signIn(c, users.admin, PASSWORD);
    const email = `new-${uniqueName('p').toLowerCase()}@shop.test`;
    const html = await (await c.request('/admin/users', { form: { _csrf: c.csrf!, email, role: 'operator', displayName: 'New Person' } })).text();
    const password = /data-secret[^>]*>([^<]+)</.exec(html)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(12);
    expect((await signIn(client(), email, password!.trim())).status).toBe(303);
    const operator = client();
    await signIn(operator, users.operator, PASSWORD);
    expect((await operator.request('/admin/users')).status).toBe(403);
    expect((await operator.request('/admin/keys', { form: { _csrf: operator.csrf!, name: 'x', scopes: ['storefront'] } })).status).toBe(403);
  });
});
