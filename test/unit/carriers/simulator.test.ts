import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermanentCarrierError, TransientCarrierError } from '../../../src/carriers/carrier-adapter.js';
import {
  createSimulatorAdapter,
  mapSimulatorCode,
  normalizeBody,
  SIM_STATUS_CODES,
  simulatorSignature,
} from '../../../src/carriers/simulator/index.js';
import { detectCarrier } from '../../../src/carriers/tracking-number/index.js';
import { SHIPMENT_STATUSES } from '../../../src/domain/shipment-status.js';
import { createCarrierSimApp } from '../../../src/simulators/carrier/create-sim-app.js';
import { renderSimTracking } from '../../../src/simulators/carrier/formats/simulator.js';
import { createManualClock } from '../../../src/simulators/carrier/sim-clock.js';
import { startCarrierSim, type RunningCarrierSim } from '../../../src/simulators/carrier/start-carrier-sim.js';

const API_KEY = 'adapter-test-key';
let sim: RunningCarrierSim;
const adapter = () => createSimulatorAdapter({ baseUrl: sim.url, apiKey: API_KEY, webhookSecret: 'whsec' });

async function control(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(sim.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-sim-api-key': API_KEY, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

async function manualShipment(events: { code: string; occurredAt: string }[]): Promise<string> {
  const { trackingNumber } = (await control('/control/shipments', { scenario: 'manual' })) as { trackingNumber: string };
  for (const event of events) await control(`/control/shipments/${trackingNumber}/events`, event);
  return trackingNumber;
}

beforeAll(async () => {
  sim = await startCarrierSim({ apiKey: API_KEY, timeoutHoldMs: 3_000 });
});
afterAll(async () => {
  await sim.stop();
});
afterEach(async () => {
  await control('/control/reset', {});
});

describe('simulator adapter against the simulator', () => {
  it('declares its capabilities and public page', () => {
    const a = adapter();
    expect(a.id).toBe('simulator');
    expect(a.capabilities).toEqual({ createShipment: true, webhooks: true, tracking: true, maxBatchSize: 50 });
    expect(a.trackingUrl('SIM1')).toBe(`${sim.url}/track/SIM1`);
    const behindProxy = createSimulatorAdapter({ baseUrl: sim.url, publicUrl: 'https://demo-carrier.example/', apiKey: 'k' });
    expect(behindProxy.trackingUrl('SIM 1')).toBe('https://demo-carrier.example/track/SIM%201');
  });

  it('tracks one number: statuses from codes, event ids, offsets kept', async () => {
    const tn = await manualShipment([
      { code: 'PU', occurredAt: '2024-03-01T09:00:00-05:00' },
      { code: 'DY', occurredAt: '2024-03-02T10:00:00-06:00' },
    ]);
    const [update] = await adapter().track([tn]);
    expect(update?.trackingNumber).toBe(tn);
    expect(update?.events).toEqual([
      expect.objectContaining({ status: 'exception', subStatus: 'delayed', carrierCode: 'DY', occurredAt: '2024-03-02T10:00:00-06:00' }),
      expect.objectContaining({ status: 'picked_up', carrierCode: 'PU', carrierEventId: expect.stringMatching(/^ev_/) }),
    ]);
  });

  it('tracks a batch in request order, unknown numbers as notFound', async () => {
    const a = await manualShipment([{ code: 'IT', occurredAt: '2024-03-01T09:00:00Z' }]);
    const b = await manualShipment([{ code: 'DL', occurredAt: '2024-03-01T09:00:00Z' }]);
    const updates = await adapter().track([b, 'SIM000000000017', a]);
    expect(updates.map((u) => [u.trackingNumber, u.events[0]?.status, u.notFound])).toEqual([
      [b, 'delivered', undefined],
      ['SIM000000000017', undefined, true],
      [a, 'in_transit', undefined],
    ]);
  });

  it('answers notFound (not an error) for one unknown number', async () => {
    expect(await adapter().track(['SIM000000000017'])).toEqual([{ trackingNumber: 'SIM000000000017', events: [], notFound: true }]);
  });

  it('creates shipments that the simulator then tracks', async () => {
    const created = await adapter().createShipment!({
      orderCode: 'ORD-9',
      serviceLevel: 'express',
      from: { line1: '1 A St', city: 'Portland', postalCode: '97201', country: 'US' },
      to: { line1: '2 B St', city: 'Seattle', postalCode: '98101', country: 'US' },
    });
    expect(detectCarrier(created.trackingNumber)).toMatchObject({ carrier: 'simulator', valid: true });
    expect(created.carrierShipmentId).toMatch(/^shp_/);
    expect(created.eta?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [update] = await adapter().track([created.trackingNumber]);
    expect(update?.events.map((e) => e.status)).toEqual(['label_created']);
    expect(update?.eta?.date).toBe(created.eta?.date);
    expect(await control(`/control/shipments/${created.trackingNumber}`)).toMatchObject({ orderCode: 'ORD-9', serviceLevel: 'express' });
  });

  it('maps 5xx and 429 faults to TransientCarrierError (with Retry-After)', async () => {
    const tn = await manualShipment([]);
    await control('/control/faults', { mode: '5xx', count: 1 });
    await expect(adapter().track([tn])).rejects.toMatchObject({ name: 'TransientCarrierError', code: 'HTTP_503' });
    await control('/control/faults', { mode: '429', retryAfterSeconds: 12 });
    const error = await adapter().track([tn, tn]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientCarrierError);
    expect(error).toMatchObject({ code: 'HTTP_429', retryAfterMs: 12_000 });
    expect((await adapter().track([tn]))[0]?.notFound).toBeUndefined();
  });

  it('sees a held response as a timeout', async () => {
    const tn = await manualShipment([]);
    await control('/control/faults', { mode: 'timeout' });
    const quick = createSimulatorAdapter({ baseUrl: sim.url, apiKey: API_KEY, timeoutMs: 300 });
    await expect(quick.track([tn])).rejects.toMatchObject({ name: 'TransientCarrierError', code: 'TIMEOUT' });
  });

  it('maps a wrong API key to PermanentCarrierError', async () => {
    const wrong = createSimulatorAdapter({ baseUrl: sim.url, apiKey: 'nope' });
    const error = await wrong.track(['SIM1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentCarrierError);
    expect(error).toMatchObject({ code: 'HTTP_401' });
  });

  it('fails fast with a transient error when the simulator is down', async () => {
    const down = createSimulatorAdapter({ baseUrl: 'http://127.0.0.1:9', apiKey: API_KEY });
    await expect(down.track(['SIM1'])).rejects.toBeInstanceOf(TransientCarrierError);
  });
});

describe('simulator mapper', () => {
  it('maps every code to a known status and unknown codes to unknown', () => {
    for (const code of Object.keys(SIM_STATUS_CODES)) expect(SHIPMENT_STATUSES).toContain(mapSimulatorCode(code).status);
    expect(mapSimulatorCode('ZZ')).toEqual({ status: 'unknown' });
    expect(mapSimulatorCode('dl')).toEqual({ status: 'delivered' });
  });

  it('round-trips a rendered scenario through normalizeBody', () => {
    const clock = createManualClock(Date.parse('2024-05-06T12:00:00Z'));
    const { store } = createCarrierSimApp({ apiKey: 'k', clock });
    const shipment = store.register({ scenario: 'failed_attempt' });
    clock.advance(30 * 86_400_000);
    const rendered = renderSimTracking(shipment, clock.now());
    const [update] = normalizeBody(JSON.stringify(rendered));
    expect(update?.events.map((e) => [e.carrierEventId, e.carrierCode, e.occurredAt, e.description])).toEqual(
      rendered.events.map((e) => [e.eventId, e.code, e.occurredAt, e.description]),
    );
    expect(update?.events.map((e) => e.status)).toEqual(rendered.events.map((e) => mapSimulatorCode(e.code).status));
    expect(update?.events.at(0)?.status).toBe('delivered');
    expect(normalizeBody(JSON.stringify({ results: [{ trackingNumber: 'X', notFound: true }] }))).toEqual([
      { trackingNumber: 'X', events: [], notFound: true },
    ]);
    expect(() => normalizeBody('{"nope":1}')).toThrow(/neither/);
  });
});

describe('simulator webhooks', () => {
  const body = Buffer.from(
    JSON.stringify({
      type: 'tracking.updated',
      id: 'ev_1',
      data: { trackingNumber: 'SIM1', event: { eventId: 'ev_1', code: 'OD', occurredAt: '2024-03-01T08:00:00-05:00', description: 'Out' } },
    }),
  );
  const now = Date.parse('2024-03-01T13:05:00Z');
  const signed = (secret: string, t: number) => ({ rawBody: body, headers: { 'x-sim-signature': simulatorSignature(secret, body, t) }, receivedAtMs: now });
  const a = createSimulatorAdapter({ baseUrl: 'http://unused', apiKey: 'k', webhookSecret: 'whsec' });

  it('verifies x-sim-signature within 5 minutes, in constant time', () => {
    expect(a.verifyWebhook!(signed('whsec', now / 1000 - 60))).toEqual({ ok: true });
    expect(a.verifyWebhook!(signed('other', now / 1000))).toMatchObject({ ok: false, reason: 'signature mismatch' });
    expect(a.verifyWebhook!(signed('whsec', now / 1000 - 301))).toMatchObject({ ok: false, reason: /tolerance/ });
    expect(a.verifyWebhook!({ rawBody: body, headers: {}, receivedAtMs: now })).toMatchObject({ ok: false });
    expect(a.verifyWebhook!({ rawBody: body, headers: { 'x-sim-signature': 'v1=abc' }, receivedAtMs: now })).toMatchObject({ ok: false, reason: /malformed/ });
    const tampered = { ...signed('whsec', now / 1000), rawBody: Buffer.from(body.toString().replace('OD', 'DL')) };
    expect(a.verifyWebhook!(tampered)).toMatchObject({ ok: false });
    const unconfigured = createSimulatorAdapter({ baseUrl: 'http://unused', apiKey: 'k' });
    expect(unconfigured.verifyWebhook!(signed('whsec', now / 1000))).toMatchObject({ ok: false });
  });

  it('parses a delivery: one event, deliveryId = event id', () => {
    expect(a.parseWebhook!(signed('whsec', now / 1000))).toEqual({
      deliveryId: 'ev_1',
      updates: [
        {
          trackingNumber: 'SIM1',
          events: [
            { status: 'out_for_delivery', occurredAt: '2024-03-01T08:00:00-05:00', description: 'Out', carrierCode: 'OD', carrierEventId: 'ev_1' },
          ],
        },
      ],
    });
  });
});
