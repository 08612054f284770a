import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/create-app.js';
import { backfillReportRollups } from '../../../src/db/report-rollups/backfill.js';
import { createReportRollupRepository } from '../../../src/db/report-rollups/repository.js';
import { createReportSource } from '../../../src/db/reports/report-source.js';
import { createLogger } from '../../../src/observability/logger.js';
import { createAdminAuthServices } from '../../../src/services/admin-auth/admin-auth-services.js';
import { createRollupReportService } from '../../../src/services/reports/rollup-report.js';
import type { ApiServices } from '../../../src/services/services.js';
import { useTestConnection } from '../../support/test-connection.js';
import { AS_OF, seedReportFixture } from './report-fixture.js';

const db = useTestConnection('ops-report-route');
const STOREFRONT = 'sk_route_storefront_0123456789';
const ADMIN = 'ak_route_admin_0123456789';
const PATH = '/api/v1/reports/delivery-performance';

const logger = createLogger('silent');
const adminAuth = () => createAdminAuthServices({ mongo: db(), bootstrapKeys: { storefront: [STOREFRONT], admin: [ADMIN] }, logger });

function app() {
  // The service the API runs: the report from the rollup (here built by the backfill from the fixture),
  // behind the app's one admin guard (adminAccess) with the real key services.
  const services = {
    deliveryPerformance: createRollupReportService({ rollups: createReportRollupRepository(db()), now: () => AS_OF }),
    adminAuth: adminAuth(),
  } as unknown as ApiServices;
  return createApp({ services, logger, auth: { storefrontApiKeys: [STOREFRONT], adminApiKeys: [ADMIN] }, publicBaseUrl: 'http://t' });
}
const get = (query: string, headers: Record<string, string> = {}) => app().request(`${PATH}?${query}`, { headers });
const admin = { authorization: `Bearer ${ADMIN}` };

beforeAll(async () => {
  await createReportSource(db()).ensureIndexes();
  await seedReportFixture(db());
  await backfillReportRollups(db());
});

describe('GET /api/v1/reports/delivery-performance (real MongoDB wire server)', () => {
  it('refuses a storefront key with 403 and no key with 401, in the error shape', async () => {
    const storefront = await get('from=2026-11-02&to=2026-11-09', { authorization: `Bearer ${STOREFRONT}` });
    expect(storefront.status).toBe(403);
    expect(await storefront.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
    const none = await get('from=2026-11-02&to=2026-11-09');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect((await get('from=2026-11-02&to=2026-11-09', { authorization: 'Bearer ak_wrong' })).status).toBe(401);
    // A stored machine key: read-only admin scope reads reports, a stored storefront key does not.
    const reader = await adminAuth().apiKeys.create({ name: 'dashboards', scopes: ['admin:read'] });
    expect((await get('from=2026-11-02&to=2026-11-09', { authorization: `Bearer ${reader.key}` })).status).toBe(200);
    const shop = await adminAuth().apiKeys.create({ name: 'shop', scopes: ['storefront'] });
    expect((await get('from=2026-11-02&to=2026-11-09', { 'x-api-key': shop.key })).status).toBe(403);
  });

  it('answers an admin key with the hand-computed figures as JSON', async () => {
    const res = await get('from=2026-11-02&to=2026-11-09&groupBy=carrier', admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { groupBy: string; asOf: string; groups: { key: string; orders: number }[]; total: Record<string, unknown> };
    expect(body).toMatchObject({ from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z', groupBy: 'carrier', asOf: AS_OF.toISOString() });
    expect(body.groups.map((g) => [g.key, g.orders])).toEqual([['dhl', 5], ['ups', 3]]);
    // The same figures the service test computes by hand from report-fixture.ts.
    expect(body.total).toMatchObject({ orders: 8, inFlight: 1, delivered: 5, avgPlacedToDeliveredHours: 52.8, medianPlacedToDeliveredHours: 48, onTimeRate: 0.6667, delayed: 2, exceptions: 2, returns: 1, avgRating: 3.67, ratings: 3 });
    const ups = await (await get('from=2026-11-02&to=2026-11-09&carrier=ups&groupBy=lane', admin)).json();
    expect(ups).toMatchObject({ carrierId: 'ups', groups: [{ key: 'ups:DE', orders: 2 }, { key: 'ups:US', orders: 1 }], total: { orders: 3, returns: 1 } });
  });

  it('answers CSV with Accept: text/csv, as an attachment named after the query', async () => {
    const res = await get('from=2026-11-02&to=2026-11-09&groupBy=carrier', { ...admin, accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="delivery-performance_2026-11-02_2026-11-09_carrier.csv"');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toMatch(/^carrier,orders,in_flight,delivered,avg_placed_to_delivered_h,/);
    expect(lines.slice(1, 4).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['dhl,5,1,4', 'ups,3,0,1', 'total,8,1,5']);
    expect(lines[3]).toContain(',0.6667,');
    expect(lines[4]).toBe('');
  });

  it('refuses bad queries with 400 VALIDATION_FAILED', async () => {
    for (const query of ['to=2026-11-09', 'from=2026-11-09&to=2026-11-02', 'from=2024-01-01&to=2026-01-02', 'from=2026-11-02&to=2026-11-09&groupBy=month', 'from=2026-11-02&to=2026-11-09&carrier=%3Dcmd', 'from=yesterday&to=2026-11-09']) {
      const res = await get(query, admin);
      expect(res.status, query).toBe(400);
      expect(await res.json(), query).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^Invalid request: /) } });
    }
  });

  it('is described in the OpenAPI document with both content types and its refusals', async () => {
    const doc = (await (await app().request('/openapi.json')).json()) as { paths: Record<string, { get: { responses: Record<string, { content?: Record<string, unknown> }>; parameters: { name: string }[] } }> };
    const op = doc.paths[PATH]!.get;
    expect(op.parameters.map((p) => p.name).sort()).toEqual(['carrier', 'from', 'groupBy', 'to']);
    expect(Object.keys(op.responses['200']!.content!)).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
  });
});
