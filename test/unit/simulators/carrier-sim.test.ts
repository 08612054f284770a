import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { detectCarrier } from '../../../src/carriers/tracking-number/index.js';
import { startCarrierSim, type RunningCarrierSim } from '../../../src/simulators/carrier/start-carrier-sim.js';

const API_KEY = 'sim-test-key';
let sim: RunningCarrierSim;

async function call(path: string, init: { method?: string; body?: unknown; key?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.key !== null) headers['x-sim-api-key'] = init.key ?? API_KEY;
  const res = await fetch(sim.url + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  sim = await startCarrierSim({ apiKey: API_KEY, port: 0, host: '127.0.0.1', timeoutHoldMs: 400 });
});
afterAll(async () => {
  await sim.stop();
});
afterEach(async () => {
  await call('/control/reset', { method: 'POST' });
});

describe('carrier simulator: auth', () => {
  it('refuses the simulator and control APIs without the right key, with a JSON error', async () => {
    for (const path of ['/simulator/v1/tracking/SIM0', '/control/faults']) {
      const missing = await call(path, { key: null });
      expect(missing.status).toBe(401);
      expect(missing.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      expect((await call(path, { key: 'wrong' })).status).toBe(401);
    }
    expect((await call('/health', { key: null })).status).toBe(200);
  });
});

describe('carrier simulator: shipments and tracking', () => {
  it('creates a shipment with a fresh valid SIM number whose scenario starts playing', async () => {
    const created = await call('/simulator/v1/shipments', { body: { orderCode: 'ORD-1', serviceLevel: 'ground' } });
    expect(created.status).toBe(201);
    const { trackingNumber, shipmentId, eta } = created.body as { trackingNumber: string; shipmentId: string; eta: { date: string } };
    expect(detectCarrier(trackingNumber)).toMatchObject({ carrier: 'simulator', valid: true });
    expect(shipmentId).toMatch(/^shp_/);
    expect(eta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const tracking = await call(`/simulator/v1/tracking/${trackingNumber}`);
    expect(tracking.status).toBe(200);
    expect(tracking.body).toMatchObject({ trackingNumber, status: 'label_created' });
    expect(tracking.body?.events).toEqual([
      expect.objectContaining({ code: 'LC', status: 'label_created', eventId: expect.any(String), occurredAt: expect.stringMatching(/[+-]\d{2}:\d{2}$/) }),
    ]);
    const second = await call('/simulator/v1/shipments', { body: { orderCode: 'ORD-2' } });
    expect(second.body?.trackingNumber).not.toBe(trackingNumber);
  });

  it('answers 404 NOT_FOUND for an unknown number and validates bodies', async () => {
    const res = await call('/simulator/v1/tracking/SIM0000000000000');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await call('/simulator/v1/shipments', { body: { serviceLevel: 'x' } })).status).toBe(400);
    expect((await call('/simulator/v1/shipments', { body: { orderCode: 'A', scenario: 'nope' } })).status).toBe(400);
  });

  it('registers manual numbers, appends events (newest first) and answers batches with notFound', async () => {
    const reg = await call('/control/shipments', { body: { trackingNumber: 'sim-manual-1', scenario: 'manual' } });
    expect(reg.status).toBe(201);
    const tn = reg.body?.trackingNumber as string;
    expect(tn).toBe('SIMMANUAL1');
    expect((await call(`/simulator/v1/tracking/${tn}`)).body).toMatchObject({ status: 'unknown', events: [] });

    await call(`/control/shipments/${tn}/events`, { body: { code: 'PU', occurredAt: '2024-03-01T09:00:00-05:00', eventId: 'e1' } });
    await call(`/control/shipments/${tn}/events`, {
      body: { code: 'IT', occurredAt: '2024-03-02T09:00:00-06:00', description: 'Arrived', location: { city: 'Memphis', region: 'TN', country: 'US' } },
    });
    const added = await call(`/control/shipments/${tn}/events`, { body: { code: 'OD' } });
    expect(added.status).toBe(201);

    const tracking = await call(`/simulator/v1/tracking/${tn}`);
    expect(tracking.body?.status).toBe('out_for_delivery');
    expect((tracking.body?.events as { code: string }[]).map((e) => e.code)).toEqual(['OD', 'IT', 'PU']);
    expect(tracking.body?.events[1]).toMatchObject({ occurredAt: '2024-03-02T09:00:00-06:00', location: { city: 'Memphis' }, description: 'Arrived' });
    expect(tracking.body?.events[2]).toMatchObject({ eventId: 'e1' });

    const batch = await call('/simulator/v1/tracking/batch', { body: { trackingNumbers: [tn, 'SIM999'] } });
    expect(batch.body?.results).toEqual([expect.objectContaining({ trackingNumber: tn }), { trackingNumber: 'SIM999', notFound: true }]);
    expect((await call('/simulator/v1/tracking/batch', { body: { trackingNumbers: Array.from({ length: 51 }, (_, i) => `N${i}`) } })).status).toBe(400);

    expect((await call('/control/shipments', { body: { trackingNumber: tn } })).status).toBe(409);
    expect((await call('/control/shipments/NOPE/events', { body: { code: 'DL' } })).status).toBe(404);
  });

  it('counts tracking look-ups per number (single and batch)', async () => {
    const { body } = await call('/control/shipments', { body: { scenario: 'happy_path' } });
    const tn = body?.trackingNumber as string;
    expect((await call(`/control/shipments/${tn}`)).body?.requests).toEqual({ tracking: 0, faulted: 0 });
    await call(`/simulator/v1/tracking/${tn}`);
    await call(`/simulator/v1/tracking/${tn}`);
    await call('/simulator/v1/tracking/batch', { body: { trackingNumbers: [tn] } });
    const state = await call(`/control/shipments/${tn}`);
    expect(state.body).toMatchObject({ trackingNumber: tn, scenario: 'happy_path', requests: { tracking: 3, faulted: 0 } });
    expect(Date.parse(state.body?.requests.lastTrackingAt as string)).not.toBeNaN();
    expect((state.body?.timeline as unknown[]).length).toBeGreaterThan(5);
  });
});

describe('carrier simulator: faults', () => {
  async function manual(): Promise<string> {
    return (await call('/control/shipments', { body: { scenario: 'manual' } })).body?.trackingNumber as string;
  }

  it('fails the next N tracking requests with 5xx, then recovers; faulted polls are counted', async () => {
    const tn = await manual();
    const set = await call('/control/faults', { body: { mode: '5xx', count: 2 } });
    expect(set.body?.faults).toEqual([{ mode: '5xx', remaining: 2 }]);
    expect((await call(`/simulator/v1/tracking/${tn}`)).status).toBe(503);
    expect((await call('/simulator/v1/tracking/batch', { body: { trackingNumbers: [tn] } })).status).toBe(503);
    expect((await call(`/simulator/v1/tracking/${tn}`)).status).toBe(200);
    expect((await call('/control/faults')).body).toEqual({ faults: [] });
    expect((await call(`/control/shipments/${tn}`)).body?.requests).toMatchObject({ tracking: 3, faulted: 2 });
  });

  it('answers 429 with Retry-After and holds responses for timeouts', async () => {
    const tn = await manual();
    await call('/control/faults', { body: { mode: '429', retryAfterSeconds: 7 } });
    const limited = await call(`/simulator/v1/tracking/${tn}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');

    await call('/control/faults', { body: { mode: 'timeout' } });
    const started = Date.now();
    const held = await call(`/simulator/v1/tracking/${tn}`);
    expect(held.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('scopes faults to one carrier and clears them with none', async () => {
    const tn = await manual();
    await call('/control/faults', { body: { mode: '5xx', count: 5, carrier: 'ups' } });
    expect((await call(`/simulator/v1/tracking/${tn}`)).status).toBe(200);
    expect((await call('/control/faults')).body?.faults).toEqual([{ mode: '5xx', remaining: 5, carrier: 'ups' }]);
    await call('/control/faults', { body: { mode: 'none', carrier: 'ups' } });
    expect((await call('/control/faults')).body?.faults).toEqual([]);
    expect((await call('/control/faults', { body: { mode: 'explode' } })).status).toBe(400);
  });

  it('reset forgets shipments and faults', async () => {
    const tn = await manual();
    await call('/control/faults', { body: { mode: '5xx', count: 3 } });
    expect((await call('/control/reset', { method: 'POST' })).status).toBe(204);
    expect((await call('/control/faults')).body?.faults).toEqual([]);
    expect((await call(`/control/shipments/${tn}`)).status).toBe(404);
  });
});
