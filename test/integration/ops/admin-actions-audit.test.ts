import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedTemporal } from '../../../src/embedded/temporal-server.js';
import type { AuditEntry } from '../../../src/services/audit/audit-log.js';
import { startTestCarrierSim, type TestCarrierSim } from '../../support/carrier-sim.js';
import { eventually } from '../../support/eventually.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { readJson } from '../../support/read-json.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../../support/servers.js';
import { simWebhook } from '../../support/sim-webhook.js';
import { startStack, type TestStack } from '../../support/stack.js';
import { ADMIN_KEY } from '../../support/test-config.js';
import { keyHeaders, signedIn, type SignedIn } from './admin-callers.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let stack: TestStack;
let operator: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  stack = await startStack({ mongoServer, temporalServer, carriers: sim.carriers });
  [operator, admin] = [await signedIn(stack, 'operator'), await signedIn(stack, 'admin')];
});

afterAll(async () => {
  await stack?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

const allEntries = async () => (await stack.services.audit.search({ limit: 200 })).entries;
const userOf = (who: SignedIn) => ({ kind: 'user' as const, userId: who.user.id, email: who.user.email });

/** Sends a request, checks its status, and that it appended exactly one audit entry like `expected`. */
async function auditedOnce(method: string, path: string, headers: Record<string, string>, body: unknown, status: number, expected: Partial<AuditEntry> & Record<string, unknown>) {
  const before = await allEntries();
  const res = await stack.app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const json = res.status === 204 || res.status === 202 ? null : await readJson(res);
  expect(res.status, JSON.stringify(json)).toBe(status);
  const after = await allEntries();
  expect(after.length).toBe(before.length + 1);
  expect(after[0]).toMatchObject({ source: 'admin-api', ...expected });
  return json;
}

async function strayWebhook(): Promise<{ id: string; trackingNumber: string }> {
  const trackingNumber = `SIMX${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const hook = simWebhook(trackingNumber, { eventId: uniqueName('stray'), code: 'IT' });
  const res = await stack.app.request('/webhooks/simulator', { method: 'POST', headers: hook.headers, body: hook.body });
  const { id } = await readJson(res);
  await eventually(() => stack.services.adminQueries.unmatchedWebhooks({ trackingNumber, limit: 5 }), (l) => l.length === 1);
  return { id, trackingNumber };
}

describe('shipment and webhook actions: done, and audited once with the actor', () => {
  it('poll now, in preparation, notes and stall handled, by an operator session and by an admin key', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('ACT'), { prepare: (tn) => sim.manualShipment(tn) });
    const base = `/api/v1/admin/shipments/${order.code}`;
    const polls = await eventually(() => sim.pollCount(order.trackingNumber), (n) => n >= 1);
    await auditedOnce('POST', `${base}/poll-now`, operator.headers, undefined, 202, { action: 'shipment.poll-now', orderCode: order.code, actor: userOf(operator) });
    await eventually(() => sim.pollCount(order.trackingNumber), (n) => n > polls);
    const state = await auditedOnce('POST', `${base}/in-preparation`, keyHeaders(ADMIN_KEY), undefined, 200, {
      action: 'shipment.in-preparation',
      actor: { kind: 'key', keyId: 'env:ADMIN_API_KEYS[0]', label: 'env:ADMIN_API_KEYS[0]' },
    });
    expect(state).toMatchObject({ status: 'in_preparation' });

    const note = await auditedOnce('POST', `${base}/notes`, operator.headers, { text: 'Customer called; parcel at neighbour.' }, 201, {
      action: 'shipment.note-added',
      orderCode: order.code,
      details: { text: 'Customer called; parcel at neighbour.' },
    });
    const notes = await readJson(await stack.app.request(`${base}/notes`, { headers: operator.headers }));
    expect(notes.notes).toEqual([{ ...note, author: { kind: 'user', ref: `user:${operator.user.id}`, name: operator.user.email } }]);

    const noStall = await stack.app.request(`${base}/stall-handled`, { method: 'POST', headers: operator.headers, body: '{}' });
    expect(noStall.status).toBe(404);
    const lastProgressAt = new Date(Date.now() - 80 * 3_600_000).toISOString();
    await stack.repos.alerts.raiseStall({ orderCode: order.code, carrierId: 'simulator', lastProgressAt, stalledSince: new Date().toISOString(), at: new Date() });
    const alert = await auditedOnce('POST', `${base}/stall-handled`, operator.headers, { note: 'Carrier says: at the depot.' }, 200, {
      action: 'shipment.stall-handled',
      target: `stall:${order.code}:${lastProgressAt}`,
    });
    // Handled, not resolved: the parcel is still stalled until the carrier reports progress.
    expect(alert).toMatchObject({ status: 'open', handledBy: operator.user.email, handledNote: 'Carrier says: at the depot.' });
    expect((await stack.repos.alerts.list({ orderCode: order.code, kind: 'stalled' }))[0]).toMatchObject({ handledBy: operator.user.email });
  });

  it('re-matches an unmatched webhook without naming its one tracking number, and discards another once', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('RMX'), { prepare: (tn) => sim.manualShipment(tn) });
    const stray = await strayWebhook();
    const answer = await auditedOnce('POST', `/api/v1/admin/webhooks/${stray.id}/rematch`, operator.headers, { orderCode: order.code }, 200, {
      action: 'webhook.rematched',
      orderCode: order.code,
      target: stray.id,
      details: { trackingNumber: stray.trackingNumber, carrierId: 'simulator', status: 'relayed' },
    });
    expect(answer).toEqual({ status: 'relayed' });
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'in_transit');

    const other = await strayWebhook();
    await auditedOnce('POST', `/api/v1/admin/webhooks/${other.id}/discard`, operator.headers, { reason: 'test scan' }, 204, {
      action: 'webhook.discarded',
      target: other.id,
      details: { reason: 'test scan' },
    });
    expect(await stack.services.adminQueries.unmatchedWebhooks({ trackingNumber: other.trackingNumber, limit: 5 })).toEqual([]);
    const before = (await allEntries()).length;
    const again = await stack.app.request(`/api/v1/admin/webhooks/${other.id}/discard`, { method: 'POST', headers: operator.headers, body: '{}' });
    expect(again.status).toBe(409);
    expect((await readJson(again)).error.code).toBe('NOT_ALLOWED');
    expect((await allEntries()).length).toBe(before);
  });
});

describe('people and keys: admin only, audited without secrets, effective at once', () => {
  it('creates a user, changes their role, disables and enables them, resets their password; access changes end their sessions', async () => {
    const email = `${uniqueName('new')}@example.com`;
    const created = await auditedOnce('POST', '/api/v1/admin/users', admin.headers, { email, role: 'viewer' }, 201, {
      action: 'user.created',
      actor: userOf(admin),
      details: { email, role: 'viewer' },
    });
    const id = created.user.id as string;
    const signIn = await stack.services.adminAuth.signIn.signIn({ email, password: created.generatedPassword, ip: '127.0.0.1' });
    expect(signIn.ok).toBe(true);
    const theirs = { cookie: `ot_admin=${signIn.ok ? signIn.sessionId : ''}` };
    expect((await stack.app.request('/api/v1/admin/audit', { headers: theirs })).status).toBe(200);

    const duplicate = await stack.app.request('/api/v1/admin/users', { method: 'POST', headers: admin.headers, body: JSON.stringify({ email: email.toUpperCase(), role: 'viewer' }) });
    expect(duplicate.status).toBe(409);
    expect((await readJson(duplicate)).error.code).toBe('EMAIL_TAKEN');

    await auditedOnce('PUT', `/api/v1/admin/users/${id}/role`, admin.headers, { role: 'operator' }, 200, { action: 'user.role-changed', target: id, details: { email, from: 'viewer', to: 'operator' } });
    expect((await stack.app.request('/api/v1/admin/audit', { headers: theirs })).status).toBe(401);
    await auditedOnce('POST', `/api/v1/admin/users/${id}/disable`, admin.headers, undefined, 200, { action: 'user.disabled', target: id });
    expect((await stack.services.adminAuth.signIn.signIn({ email, password: created.generatedPassword, ip: '127.0.0.1' })).ok).toBe(false);
    await auditedOnce('POST', `/api/v1/admin/users/${id}/enable`, admin.headers, undefined, 200, { action: 'user.enabled', target: id });
    const reset = await auditedOnce('POST', `/api/v1/admin/users/${id}/password`, admin.headers, {}, 200, { action: 'user.password-reset', target: id });
    expect(reset.generatedPassword).toMatch(/^.{32}$/);
    expect((await stack.services.adminAuth.signIn.signIn({ email, password: reset.generatedPassword, ip: '127.0.0.1' })).ok).toBe(true);

    const audit = JSON.stringify(await allEntries());
    expect(audit).not.toContain(created.generatedPassword);
    expect(audit).not.toContain(reset.generatedPassword);
  });

  it('refuses to disable yourself', async () => {
    const res = await stack.app.request(`/api/v1/admin/users/${admin.user.id}/disable`, { method: 'POST', headers: admin.headers });
    expect(res.status).toBe(409);
    expect((await readJson(res)).error.code).toBe('NOT_ALLOWED');
  });

  it('creates a key that works at once, and revoking it refuses its next request', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('KEY'), { prepare: (tn) => sim.manualShipment(tn) });
    const created = await auditedOnce('POST', '/api/v1/admin/api-keys', admin.headers, { name: 'reporting script', scopes: ['admin:read'] }, 201, {
      action: 'api-key.created',
      details: { name: 'reporting script', scopes: ['admin:read'] },
    });
    const keyId = created.record.keyId as string;
    expect(created.key).toMatch(new RegExp(`^otk_live_${keyId}_`));
    const read = () => stack.app.request(`/api/v1/admin/shipments/${order.code}`, { headers: keyHeaders(created.key) });
    expect((await read()).status).toBe(200);
    const acting = await stack.app.request(`/api/v1/admin/shipments/${order.code}/poll-now`, { method: 'POST', headers: keyHeaders(created.key) });
    expect(acting.status).toBe(403);

    const revoked = await auditedOnce('DELETE', `/api/v1/admin/api-keys/${keyId}`, admin.headers, undefined, 200, { action: 'api-key.revoked', target: keyId });
    expect(revoked).toMatchObject({ keyId, revokedBy: admin.user.email });
    expect((await read()).status).toBe(401);
    const listed = await readJson(await stack.app.request('/api/v1/admin/api-keys', { headers: admin.headers }));
    expect(listed.keys.find((k: { keyId: string }) => k.keyId === keyId)).toMatchObject({ revokedAt: expect.any(String) });
    expect(JSON.stringify(await allEntries())).not.toContain(created.key.slice(`otk_live_${keyId}_`.length));
  });

  it('lets a stored storefront key place and read orders until it is revoked; a stored admin key is no storefront key', async () => {
    const made = async (scopes: string[]) => readJson(await stack.app.request('/api/v1/admin/api-keys', { method: 'POST', headers: admin.headers, body: JSON.stringify({ name: 'shop', scopes }) }));
    const storefront = await made(['storefront']);
    const adminRead = await made(['admin:read']);
    const order = await placeSimulatorOrder(stack, uniqueName('SKY'), { prepare: (tn) => sim.manualShipment(tn) });
    const read = (key: string) => stack.app.request(`/api/v1/orders/${order.code}`, { headers: keyHeaders(key) });
    expect((await read(storefront.key)).status).toBe(200);
    expect((await read(adminRead.key)).status).toBe(401);
    await stack.app.request(`/api/v1/admin/api-keys/${storefront.record.keyId}`, { method: 'DELETE', headers: admin.headers });
    expect((await read(storefront.key)).status).toBe(401);
  });

  it('shows the audit log to a viewer, filtered by order, actor and source', async () => {
    const viewer = await signedIn(stack, 'viewer');
    const byOperator = await readJson(await stack.app.request(`/api/v1/admin/audit?actor=${encodeURIComponent(operator.user.email)}&source=admin-api`, { headers: viewer.headers }));
    expect(byOperator.entries.length).toBeGreaterThan(0);
    expect(byOperator.entries.every((e: AuditEntry) => e.actor.kind === 'user' && e.actor.userId === operator.user.id)).toBe(true);
    const page = await readJson(await stack.app.request('/api/v1/admin/audit?limit=2', { headers: viewer.headers }));
    expect(page.entries).toHaveLength(2);
    const next = await readJson(await stack.app.request(`/api/v1/admin/audit?limit=2&before=${encodeURIComponent(page.nextBefore)}`, { headers: viewer.headers }));
    expect(next.entries[0].id).not.toBe(page.entries[1].id);
    expect(Date.parse(next.entries[0].at)).toBeLessThanOrEqual(Date.parse(page.entries[1].at));
  });
});
