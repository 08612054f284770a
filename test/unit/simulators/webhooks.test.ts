import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAfterShipAdapter } from '../../../src/carriers/aftership/index.js';
import type { CarrierAdapter, IncomingWebhook } from '../../../src/carriers/carrier-adapter.js';
import { createEasyPostAdapter } from '../../../src/carriers/easypost/index.js';
import { createShippoAdapter, SHIPPO_TOKEN_HEADER } from '../../../src/carriers/shippo/index.js';
import { createSimulatorAdapter } from '../../../src/carriers/simulator/index.js';
import { createUpsAdapter } from '../../../src/carriers/ups/index.js';
import { createManualClock } from '../../../src/simulators/carrier/sim-clock.js';
import { startCarrierSim, type RunningCarrierSim } from '../../../src/simulators/carrier/start-carrier-sim.js';
import { createHttpWebhookSender } from '../../../src/simulators/carrier/webhook-sender.js';

const KEY = 'webhook-test-key';
const SECRET = 'whsec_sécret';
const DAY = 86_400_000;

interface Received {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string | undefined;
}

let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
let failNext = 0;
let sim: RunningCarrierSim;
const clock = createManualClock(Date.now());

/** The webhook as our API layer would hand it to an adapter (Shippo's URL token copied into its header). */
function incoming(r: Received): IncomingWebhook {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(r.headers)) headers[name] = Array.isArray(value) ? value.join(',') : value;
  delete headers[SHIPPO_TOKEN_HEADER];
  const token = r.query.get('token');
  if (token) headers[SHIPPO_TOKEN_HEADER] = token;
  return { rawBody: r.body, headers, receivedAtMs: Date.now(), ...(r.remoteAddress ? { remoteAddress: r.remoteAddress } : {}) };
}

const ADAPTERS: Record<string, (secret: string) => CarrierAdapter> = {
  simulator: (secret) => createSimulatorAdapter({ baseUrl: 'http://unused', apiKey: 'k', webhookSecret: secret }),
  easypost: (secret) => createEasyPostAdapter({ apiKey: 'k', webhookSecret: secret }),
  aftership: (secret) => createAfterShipAdapter({ apiKey: 'k', webhookSecret: secret }),
  shippo: (secret) => createShippoAdapter({ apiToken: 'k', webhookToken: secret }),
  ups: (secret) => createUpsAdapter({ clientId: 'i', clientSecret: 's', webhookCredential: secret }),
};

async function control(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(sim.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-sim-api-key': KEY, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      received.push({ path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks), remoteAddress: req.socket.remoteAddress });
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end();
      } else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  sim = await startCarrierSim({
    apiKey: KEY,
    clock,
    tickIntervalMs: 3_600_000,
    webhookSender: createHttpWebhookSender({ baseDelayMs: 5, maxAttempts: 3 }),
    webhookTargets: { simulator: { url: `${receiverUrl}/hooks/default`, format: 'simulator', secret: SECRET } },
  });
});
afterAll(async () => {
  await sim.stop();
  await new Promise((resolve) => receiver.close(resolve));
});
afterEach(async () => {
  received = [];
  failNext = 0;
  await control('/control/reset', {});
});

describe('signed webhooks, verified by the real adapters', () => {
  it.each(Object.keys(ADAPTERS))('%s: signs per its recipe and parses to the pushed scan', async (format) => {
    const { trackingNumber } = (await control('/control/shipments', {
      scenario: 'manual',
      webhook: { url: `${receiverUrl}/hooks/${format}`, format, secret: SECRET },
    })) as { trackingNumber: string };
    await control(`/control/shipments/${trackingNumber}/events`, { code: 'PU', occurredAt: '2024-03-01T09:00:00-05:00' });
    await control(`/control/shipments/${trackingNumber}/events`, { code: 'OD', occurredAt: '2024-03-02T08:30:00-05:00' });
    await sim.sim.tick();

    expect(received.map((r) => r.path)).toEqual([`/hooks/${format}`, `/hooks/${format}`]);
    const last = incoming(received[1]!);
    expect(ADAPTERS[format]!(SECRET).verifyWebhook!(last)).toEqual({ ok: true });
    expect(ADAPTERS[format]!('another-secret').verifyWebhook!(last)).toMatchObject({ ok: false });
    const parsed = ADAPTERS[format]!(SECRET).parseWebhook!(last);
    const update = parsed.updates[0];
    expect(update?.trackingNumber).toBe(trackingNumber);
    const newest = [...(update?.events ?? [])].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt))[0];
    expect(newest).toMatchObject({ status: 'out_for_delivery' });
    expect(Date.parse(newest!.occurredAt)).toBe(Date.parse('2024-03-02T08:30:00-05:00'));
    expect((await control(`/control/shipments/${trackingNumber}`)).webhooks).toMatchObject({ delivered: 2, failed: 0 });
  });

  it('pushes a scenario to the default target as the clock passes, duplicates and late scans included', async () => {
    const res = await fetch(`${sim.url}/simulator/v1/shipments`, {
      method: 'POST',
      headers: { 'x-sim-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ orderCode: 'ORD-W', scenario: 'duplicates_out_of_order' }),
    });
    const { trackingNumber } = (await res.json()) as { trackingNumber: string };
    await sim.sim.tick();
    expect(received).toHaveLength(1);
    clock.advance(30 * DAY);
    await sim.sim.tick();
    await sim.sim.tick();

    const adapter = ADAPTERS.simulator!(SECRET);
    const state = await control(`/control/shipments/${trackingNumber}`);
    expect(received).toHaveLength((state.timeline as unknown[]).length);
    const parsed = received.map((r) => {
      expect(adapter.verifyWebhook!(incoming(r))).toEqual({ ok: true });
      return adapter.parseWebhook!(incoming(r));
    });
    const ids = parsed.map((p) => p.deliveryId);
    expect(ids.length - new Set(ids).size).toBe(2);
    const times = parsed.map((p) => Date.parse(p.updates[0]!.events[0]!.occurredAt));
    expect(times.some((t, i) => i > 0 && t < times[i - 1]!)).toBe(true);
    expect(parsed.at(-1)?.updates[0]?.events[0]?.status).toBe('out_for_delivery');
  });

  it('retries a failing receiver with back-off, then gives up after the bounded attempts', async () => {
    const { trackingNumber } = (await control('/control/shipments', { scenario: 'manual' })) as { trackingNumber: string };
    failNext = 2;
    await control(`/control/shipments/${trackingNumber}/events`, { code: 'PU' });
    await sim.sim.tick();
    expect(received).toHaveLength(3);
    expect(ADAPTERS.simulator!(SECRET).verifyWebhook!(incoming(received[2]!))).toEqual({ ok: true });

    failNext = 10;
    await control(`/control/shipments/${trackingNumber}/events`, { code: 'IT' });
    await sim.sim.tick();
    expect(received).toHaveLength(6);
    expect((await control(`/control/shipments/${trackingNumber}`)).webhooks).toMatchObject({ delivered: 1, failed: 1 });
  });

  it('refuses webhook targets in formats without webhooks', async () => {
    const res = await fetch(`${sim.url}/control/shipments`, {
      method: 'POST',
      headers: { 'x-sim-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'manual', webhook: { url: `${receiverUrl}/x`, format: 'fedex' } }),
    });
    expect(res.status).toBe(400);
  });
});
