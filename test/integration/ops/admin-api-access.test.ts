import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedTemporal } from '../../../src/embedded/temporal-server.js';
import { startTestCarrierSim, type TestCarrierSim } from '../../support/carrier-sim.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { readJson } from '../../support/read-json.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../../support/servers.js';
import { startStack, type TestStack } from '../../support/stack.js';
import { allCallers, sessionHeaders, type Caller, type SignedIn } from './admin-callers.js';
import { adminRouteProbes, servedAdminRoutes, type RouteProbe } from './admin-route-table.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let stack: TestStack;
let orderCode: string;
let callers: Caller[];
let people: Record<'viewer' | 'operator' | 'admin', SignedIn>;

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  // The matrix sends many refused requests from one (in-process) client: no 429 in the middle of it.
  stack = await startStack({ mongoServer, temporalServer, carriers: sim.carriers, env: { RATE_LIMIT_AUTH_FAILURES: '10000/5m' } });
  orderCode = (await placeSimulatorOrder(stack, uniqueName('ACL'), { prepare: (tn) => sim.manualShipment(tn) })).code;
  ({ callers, people } = await allCallers(stack));
});

afterAll(async () => {
  await stack?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

function send(probe: Pick<RouteProbe, 'path' | 'body'>, method: string, headers: Record<string, string>) {
  return stack.app.request(probe.path, { method, headers, ...(probe.body !== undefined ? { body: JSON.stringify(probe.body) } : {}) });
}

describe('who may call which admin route (every route the app serves)', () => {
  it('has a permission row for every admin route, and no row without a route', () => {
    expect(servedAdminRoutes(stack.app.routes)).toEqual(Object.keys(adminRouteProbes(orderCode)).sort());
  });

  it('answers signed out 401, storefront keys 403, and each role or key scope by its permissions', async () => {
    const probes = adminRouteProbes(orderCode);
    const failures: string[] = [];
    for (const route of servedAdminRoutes(stack.app.routes)) {
      const probe = probes[route]!;
      const method = route.split(' ')[0]!;
      for (const caller of callers) {
        const res = await send(probe, method, caller.headers);
        const body = res.status === 204 ? null : await readJson(res);
        const expected = caller.allows === null ? 401 : caller.allows(probe.need) ? probe.allowedStatus : 403;
        if (res.status !== expected) failures.push(`${caller.name} ${route}: ${res.status} (expected ${expected}) ${JSON.stringify(body)}`);
        if (expected === 401 || expected === 403) {
          if (!body?.error?.code || typeof body.error.message !== 'string') failures.push(`${caller.name} ${route}: no error body`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Nothing refused or aimed at nothing was audited.
    expect((await stack.services.audit.search({})).entries).toEqual([]);
  });

  it('guards the reports area with the same middleware', async () => {
    const path = '/api/v1/reports/delivery-performance';
    expect((await stack.app.request(path)).status).toBe(401);
    const storefront = callers.find((c) => c.name === 'bootstrap storefront key')!;
    const refused = await stack.app.request(path, { headers: storefront.headers });
    expect(refused.status).toBe(403);
    expect((await readJson(refused)).error.code).toBe('FORBIDDEN');
  });
});

describe('admin sessions on the JSON API', () => {
  const probe = () => ({ path: `/api/v1/admin/shipments/NO-SUCH-ORDER/poll-now` });

  it('needs the session\'s CSRF token on a state-changing request, not on a read', async () => {
    const { sessionId, csrfToken } = people.admin;
    const missing = await send(probe(), 'POST', sessionHeaders(sessionId));
    expect(missing.status).toBe(403);
    expect((await readJson(missing)).error.code).toBe('CSRF_FAILED');
    const wrong = await send(probe(), 'POST', sessionHeaders(sessionId, `${csrfToken.slice(0, -2)}xx`));
    expect(wrong.status).toBe(403);
    expect((await readJson(wrong)).error.code).toBe('CSRF_FAILED');
    // Another session's token is as wrong as a made-up one.
    expect((await send(probe(), 'POST', sessionHeaders(sessionId, people.operator.csrfToken))).status).toBe(403);
    expect((await send(probe(), 'POST', sessionHeaders(sessionId, csrfToken))).status).toBe(404);
    expect((await stack.app.request(`/api/v1/admin/shipments/${orderCode}`, { headers: { cookie: `ot_admin=${sessionId}` } })).status).toBe(200);
  });

  it('refuses an unknown or revoked session with 401', async () => {
    const unknown = await stack.app.request(`/api/v1/admin/shipments/${orderCode}`, { headers: { cookie: 'ot_admin=not-a-session' } });
    expect(unknown.status).toBe(401);
    const { sessionId } = await stack.services.adminAuth.sessions.start(people.viewer.user.id);
    expect((await stack.app.request(`/api/v1/admin/audit`, { headers: { cookie: `ot_admin=${sessionId}` } })).status).toBe(200);
    await stack.services.adminAuth.sessions.revoke(sessionId);
    expect((await stack.app.request(`/api/v1/admin/audit`, { headers: { cookie: `ot_admin=${sessionId}` } })).status).toBe(401);
  });
});
