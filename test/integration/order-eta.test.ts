import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevModel } from '../../ml/ensure-dev-model.js';
import { createEtaOutcomeRepository } from '../../src/db/eta-outcomes/repository.js';
import { ADMIN_KEY } from '../support/test-config.js';
import { createEtaService } from '../../ml/eta-service.js';
import { daysAfter, quietTuesday, weekdaysAfter } from '../support/eta-dates.js';
import { orderBody, storefrontHeaders } from '../support/orders.js';
import { readJson } from '../support/read-json.js';
import { uniqueName } from '../support/servers.js';
import type { TestStack } from '../support/stack.js';
import { useTestServers } from '../support/test-servers.js';

const suite = useTestServers('dev');
let stack: TestStack;

beforeAll(async () => {
  stack = await suite.stack();
});

const post = (body: unknown, on: TestStack = stack) =>
  on.app.request('/api/v1/orders', { method: 'POST', headers: storefrontHeaders(), body: JSON.stringify(body) });
const get = (code: string) => stack.app.request(`/api/v1/orders/${code}`, { headers: storefrontHeaders() });

/** An order to California from the test config's Portland ship-from address, placed at `placedAt`. */
const etaOrder = (code: string, placedAt: string, timeZone?: string) =>
  orderBody(code, {
    placedAt,
    customer: { email: `${code.toLowerCase()}@example.com`, ...(timeZone ? { timeZone } : {}) },
    shippingAddress: { line1: '1 Main St', city: 'Los Angeles', region: 'CA', postalCode: '90012', country: 'US' },
  });

describe('the ETA at order placement (issue #23)', () => {
  it('answers POST and GET with the promise, the most likely day, the 10th–90th range, the source and the model version, on the LA calendar', async () => {
    // 22:30 on a Tuesday in Los Angeles is already Wednesday 06:30 UTC (and 15:30 in Tokyo).
    const tuesday = quietTuesday(Date.now());
    const placedAt = `${daysAfter(tuesday, 1)}T06:30:00Z`;
    const la = uniqueName('ETA-LA');
    const res = await post(etaOrder(la, placedAt, 'America/Los_Angeles'));
    expect(res.status).toBe(201);
    const created = await readJson(res);
    // Placed after the 14:00 cut-off on Tuesday (LA clock): dispatched Wednesday; the prior's standard service
    // then takes 2 / 4 / 6 business days (range and most likely day) and promises 7.
    const wednesday = daysAfter(tuesday, 1);
    const expected = {
      date: weekdaysAfter(wednesday, 4),
      earliest: weekdaysAfter(wednesday, 2),
      latest: weekdaysAfter(wednesday, 6),
      promisedDate: weekdaysAfter(wednesday, 7),
      arrivesBy: weekdaysAfter(wednesday, 7),
      source: 'prior',
      modelVersion: 'prior-v1',
    };
    expect(created.estimatedDelivery).toMatchObject(expected);
    // The promise is also the delivery report's (promisedDelivery), never overwritten by revisions.
    expect((await stack.repos.orders.findByCode(la))?.promisedDelivery).toMatchObject({ date: expected.promisedDate, source: 'prior' });
    const got = await get(la);
    expect(got.status).toBe(200);
    expect((await readJson(got)).estimatedDelivery).toMatchObject(expected);

    // The same instant in Tokyo is Wednesday afternoon, past the cut-off: a business day later throughout.
    const tokyo = await readJson(await post(etaOrder(uniqueName('ETA-TYO'), placedAt, 'Asia/Tokyo')));
    expect(tokyo.estimatedDelivery).toMatchObject({ date: weekdaysAfter(wednesday, 5), promisedDate: weekdaysAfter(wednesday, 8) });
  });

  it('refuses an unknown time zone with a 400 naming the field', async () => {
    const res = await post(etaOrder(uniqueName('ETA-BADTZ'), new Date().toISOString(), 'Mars/Olympus_Mons'));
    expect(res.status).toBe(400);
    const body = await readJson(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(/IANA time zone/);
  });

  it('shows accuracy in production per carrier and lane to admins, with the model that serves', async () => {
    const outcomes = createEtaOutcomeRepository(stack.mongo);
    const input = { purchasedAt: '2026-11-02T18:00:00Z', customerTimeZone: 'America/Los_Angeles', originCountry: 'US', destinationCountry: 'US' };
    const base = { lane: 'US:OR>US:CA', placedAt: input.purchasedAt, deliveredAt: '2026-11-06T20:00:00Z', input, last: { date: '2026-11-06' } };
    await outcomes.record({ ...base, orderCode: uniqueName('ACC'), carrierId: 'fedex', atPurchase: { date: '2026-11-06', earliest: '2026-11-05', latest: '2026-11-09', promise: '2026-11-05' }, actualDate: '2026-11-06' }, new Date());
    const url = '/api/v1/admin/eta/accuracy?by=lane';
    expect((await stack.app.request(url)).status).toBe(401);
    expect((await stack.app.request(url, { headers: storefrontHeaders() })).status).toBe(403);
    const res = await stack.app.request(url, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body.serving).toMatchObject({ source: 'prior', modelVersion: 'prior-v1' });
    expect(body.groups).toContainEqual({ key: 'US:OR>US:CA', n: 1, promise: { maeDays: 1, lateRate: 1 }, likely: { maeDays: 0, lastMaeDays: 0 }, rangeCoverage: 1 });
    const bad = await stack.app.request('/api/v1/admin/eta/accuracy?by=planet', { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(bad.status).toBe(400);
  });

  describe('with a model trained on the labelled synthetic demo history', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eta-model-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('serves the prior while the directory is empty, then a model trained meanwhile, without a restart, naming its version', { timeout: 180_000 }, async () => {
      const withModel = await suite.stack({ env: { ETA_MODEL_DIR: dir, ETA_MIN_DELIVERIES: '100' } });
      const place = async () => {
        const res = await post(etaOrder(uniqueName('ETA-MODEL'), new Date().toISOString(), 'America/Los_Angeles'), withModel);
        expect(res.status).toBe(201);
        return (await readJson(res)).estimatedDelivery;
      };
      expect(await place()).toMatchObject({ source: 'prior', modelVersion: 'prior-v1' });
      await ensureDevModel(dir, { count: 1200 });
      const expected = createEtaService({ modelDir: dir, minDeliveries: 100 }).status();
      expect(expected.source).toBe('model');
      // The service looks for a new current.json every 5 s.
      await new Promise((r) => setTimeout(r, 5_500));
      const eta = await place();
      expect(['model', 'baseline']).toContain(eta.source);
      expect(eta.modelVersion).toBe(expected.modelVersion);
      expect(eta.earliest <= eta.date && eta.date <= eta.latest && eta.date <= eta.promisedDate).toBe(true);
    });
  });
});
