import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulatorSignature } from '../../src/carriers/simulator/index.js';
import { SIM_WEBHOOK_SECRET } from '../support/carrier-sim.js';
import { orderBody, storefrontHeaders } from '../support/orders.js';
import { uniqueName } from '../support/servers.js';
import type { TestStack } from '../support/stack.js';
import { useTestServers } from '../support/test-servers.js';
import { ADMIN_KEY } from '../support/test-config.js';

/**
 * Generated input at every public route and webhook endpoint: control characters, deep nesting, huge
 * numbers, unicode edge cases, wrong types. Whatever arrives, the answer is never a 5xx and nothing is
 * half-written (an order without its customer, a customer no stored order gave).
 */
const suite = useTestServers('dev', { carrierSim: true });
let stack: TestStack;
let existingCode: string;

beforeAll(async () => {
  stack = await suite.stack();
  existingCode = uniqueName('FUZZ');
  const res = await stack.app.request('/api/v1/orders', { method: 'POST', headers: storefrontHeaders(), body: JSON.stringify(orderBody(existingCode)) });
  expect(res.status).toBe(201);
});

const RUNS = 60;

/** Strings a careless or hostile client sends: controls, lone surrogates, emoji, RTL marks, huge ones. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\uD800', '\uDFFF', '\u202E', '\uFEFF', '𝕏🚚', '\r\n', '$where', '{"$gt":""}', '../../etc/passwd', '%00', 'x'.repeat(5000)),
);
const nastyNumber = fc.oneof(fc.double(), fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 1e-320), fc.integer());

/** Nested up to 40 levels: parsers and schema walkers meet depth they did not plan for. */
const deep = fc.integer({ min: 1, max: 40 }).map((depth) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { nested: value };
  return value;
});

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.constantFrom(null, true, false, [], {}),
  deep,
  fc.dictionary(nastyString, nastyString, { maxKeys: 4 }),
  fc.array(nastyString, { maxLength: 4 }),
);

/** A valid order with one leaf (at any depth) replaced by a nasty value, or an extra nasty field. */
const mutatedOrder = fc.tuple(fc.nat(), nastyValue, fc.boolean()).map(([pick, value, extra]) => {
  const body = orderBody(uniqueName('FZ')) as Record<string, unknown>;
  if (extra) return { ...body, [`x${pick % 5}`]: value };
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, Array.isArray(node) ? Number(k) : k]);
    else paths.push(path);
  };
  walk(body, []);
  const path = paths[pick % paths.length]!;
  let node = body as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return body;
});

const rawBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  mutatedOrder.map((o) => JSON.stringify(o)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', '{', '[]', 'null', '{"a":1e999999}', '\u0000', '{"orderCode":{"$ne":null}}'),
);

async function expectNo5xx(res: Response, what: string): Promise<void> {
  if (res.status >= 500) throw new Error(`${what} → ${res.status} ${await res.text()}`);
  if (res.status >= 400) expect(((await res.json()) as { error?: { code?: unknown } }).error?.code, what).toBeTypeOf('string');
}

/** Every byte of the string's UTF-8 percent-encoded (lone surrogates arrive as U+FFFD's bytes). */
const encodeBytes = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** Path segments as a client puts them on the wire: encoded text, raw escapes, invalid UTF-8, the real order. */
const pathPart = fc.oneof(nastyString.map(encodeBytes), fc.constantFrom('EXISTING', '%00', '%2e%2e', '..', '%ZZ', '%ED%A0%80', '%C0%AF', '%FF'));
const segment = (part: string) => (part === 'EXISTING' ? existingCode : part);

describe('generated input at every public route (fast-check)', () => {
  it('POST /api/v1/orders: never 5xx, and every 2xx is a whole order', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, async (body) => {
        const res = await stack.app.request('/api/v1/orders', { method: 'POST', headers: storefrontHeaders(), body });
        await expectNo5xx(res, `POST /api/v1/orders ${body.slice(0, 200)}`);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('storefront reads and writes by path and query: never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(pathPart, nastyValue, async (part, value) => {
        const seg = segment(part);
        const body = JSON.stringify(value);
        const answers = await Promise.all([
          stack.app.request(`/api/v1/orders/${seg}`, { headers: storefrontHeaders() }),
          stack.app.request(`/api/v1/orders?customerEmail=${seg}&before=${seg}&limit=${seg}`, { headers: storefrontHeaders() }),
          stack.app.request(`/api/v1/track/${seg}`, { headers: storefrontHeaders() }),
          stack.app.request(`/api/v1/orders/${seg}/notifications`, { method: 'PUT', headers: storefrontHeaders(), body }),
          stack.app.request(`/api/v1/orders/${existingCode}/notifications`, { method: 'PUT', headers: storefrontHeaders(), body }),
          stack.app.request(`/api/v1/orders/${seg}/cancel`, { method: 'POST', headers: storefrontHeaders(), body }),
        ]);
        for (const res of answers) await expectNo5xx(res, `${part} / ${body.slice(0, 100)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('admin routes: never 5xx', async () => {
    const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
    await fc.assert(
      fc.asyncProperty(pathPart, nastyValue, async (part, value) => {
        const seg = segment(part);
        const answers = await Promise.all([
          stack.app.request(`/api/v1/admin/shipments/${seg}`, { headers: admin }),
          stack.app.request(`/api/v1/admin/webhooks/unmatched?trackingNumber=${seg}&limit=${seg}`, { headers: admin }),
          stack.app.request(`/api/v1/admin/webhooks/${seg}/rematch`, { method: 'POST', headers: admin, body: JSON.stringify(value) }),
          stack.app.request(`/api/v1/admin/webhooks/0123456789abcdef01234567/rematch`, { method: 'POST', headers: admin, body: JSON.stringify(value) }),
        ]);
        for (const res of answers) await expectNo5xx(res, `admin ${part}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('webhook endpoints, signed and unsigned: never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, fc.constantFrom('simulator', 'ups', 'fedex', 'easypost', 'aftership', 'shippo', 'nope', '%00'), async (body, carrier) => {
        const bytes = Buffer.from(body);
        const signed = { 'content-type': 'application/json', 'x-sim-signature': simulatorSignature(SIM_WEBHOOK_SECRET, bytes, Math.floor(Date.now() / 1000)) };
        const answers = await Promise.all([
          stack.app.request(`/webhooks/${carrier}`, { method: 'POST', headers: signed, body: bytes }),
          stack.app.request(`/webhooks/${carrier}?token=${encodeBytes(body.slice(0, 50))}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes }),
        ]);
        for (const res of answers) await expectNo5xx(res, `/webhooks/${carrier} ${body.slice(0, 200)}`);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('left nothing half-written: every order has its customer, every customer an order', async () => {
    const orders = await stack.mongo.collection('orders').find({}).project({ code: 1, customerId: 1 }).toArray();
    const customers = await stack.mongo.collection('customers').find({}).project({ _id: 1 }).toArray();
    const customerIds = new Set(customers.map((c) => String(c._id)));
    for (const order of orders) expect(customerIds.has(String(order.customerId)), `customer of ${order.code}`).toBe(true);
    const withOrders = new Set(orders.map((o) => String(o.customerId)));
    for (const id of customerIds) expect(withOrders.has(id), `orders of customer ${id}`).toBe(true);
  });
});
