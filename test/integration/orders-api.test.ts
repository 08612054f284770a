import { useTestServers } from '../support/test-servers.js';
import { readJson } from '../support/read-json.js';
import { eventually } from '../support/eventually.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { getStateQuery } from '../../workflows/shipment-messages.js';
import { shipmentWorkflowId } from '../../src/domain/ids.js';
import { type TestStack } from '../support/stack.js';
import { uniqueName } from '../support/servers.js';
import { orderBody, storefrontHeaders } from '../support/orders.js';

const suite = useTestServers('dev');
let stack: TestStack;

beforeAll(async () => {
  stack = await suite.stack();
});

const post = (body: unknown, headers: Record<string, string> = storefrontHeaders()) =>
  stack.app.request('/api/v1/orders', { method: 'POST', headers, body: JSON.stringify(body) });

describe('first slice: POST /api/v1/orders → MongoDB + ShipmentWorkflow → GET and Temporal query', () => {
  it('stores the order, starts its workflow and shows the status through the API and a Temporal query', async () => {
    const code = uniqueName('ORD');
    const res = await post(orderBody(code), storefrontHeaders({ 'idempotency-key': `key-${code}` }));
    expect(res.status).toBe(201);
    const created = await readJson(res);
    expect(created).toMatchObject({ orderCode: code, status: 'order_received', milestone: 'order_received' });
    expect(created.carrier).toMatchObject({ id: 'simulator', name: 'Demo Carrier' });
    // TC005: the carrier's name and logo are part of the order details, and the logo is served.
    const logo = await stack.app.request(new URL(created.carrier.logoUrl).pathname);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toContain('image/svg+xml');
    expect(await logo.text()).toContain('<title>Demo Carrier</title>');
    // The signed, expiring link (kid.payload.mac), not the order's random legacy token.
    expect(created.trackingPageUrl).toMatch(/^http:\/\/tracking\.test\/t\/t1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);

    const got = await stack.app.request(`/api/v1/orders/${code}`, { headers: storefrontHeaders() });
    expect(got.status).toBe(200);
    expect(await readJson(got)).toMatchObject({ orderCode: code, status: 'order_received' });

    const handle = stack.temporal.workflow.getHandle(shipmentWorkflowId(code));
    const state = await handle.query(getStateQuery);
    expect(state).toMatchObject({ orderCode: code, carrierId: 'simulator', status: 'order_received' });
    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.type).toBe('ShipmentWorkflow');

    const stored = await stack.repos.orders.findByCode(code);
    expect(stored?.workflowStartedAt).toBeDefined();
    // PII stays out of workflow history: the start arguments carry no e-mail, phone or address.
    const history = JSON.stringify(await handle.fetchHistory());
    expect(history).not.toContain(`${code.toLowerCase()}@example.com`);
    expect(history).not.toContain('1 Main St');
  });

  it('answers a retry with the same Idempotency-Key with 200 and never starts a second workflow', async () => {
    const code = uniqueName('ORD');
    const body = orderBody(code);
    const headers = storefrontHeaders({ 'idempotency-key': `key-${code}` });
    const first = await post(body, headers);
    const second = await post(body, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect((await readJson(second)).orderCode).toBe(code);
    const runs = [];
    for await (const wf of stack.temporal.workflow.list({ query: `WorkflowId = '${shipmentWorkflowId(code)}'` })) runs.push(wf);
    expect(runs.length).toBeLessThanOrEqual(1);
    const described = await stack.temporal.workflow.getHandle(shipmentWorkflowId(code)).describe();
    expect(described.runId).toBeDefined();
  });

  it('rejects the same Idempotency-Key with a different body (422) and a reused order code (409)', async () => {
    const code = uniqueName('ORD');
    const headers = storefrontHeaders({ 'idempotency-key': `key-${code}` });
    expect((await post(orderBody(code), headers)).status).toBe(201);

    const changed = await post(orderBody(code, { totalCents: 999 }), headers);
    expect(changed.status).toBe(422);
    expect((await readJson(changed)).error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const otherKey = await post(orderBody(code), storefrontHeaders({ 'idempotency-key': `other-${code}` }));
    expect(otherKey.status).toBe(409);
    expect((await readJson(otherKey)).error).toMatchObject({ code: 'ORDER_EXISTS' });
  });

  it('answers bad input with JSON errors: 401, 400, 422', async () => {
    const code = uniqueName('ORD');
    const noKey = await post(orderBody(code), { 'content-type': 'application/json' });
    expect(noKey.status).toBe(401);
    expect(await readJson(noKey)).toMatchObject({ error: { code: 'UNAUTHORIZED' } });

    const wrongKey = await post(orderBody(code), storefrontHeaders({ authorization: 'Bearer nope' }));
    expect(wrongKey.status).toBe(401);

    const invalid = await post({ ...orderBody(code), items: [] });
    expect(invalid.status).toBe(400);
    const invalidBody = await readJson(invalid);
    expect(invalidBody.error.code).toBe('VALIDATION_FAILED');
    expect(invalidBody.error.message).toContain('items');

    const malformed = await stack.app.request('/api/v1/orders', { method: 'POST', headers: storefrontHeaders(), body: '{"orderCode":' });
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).error.code).toBeTypeOf('string');

    const undetectable = await post(orderBody(code, { shipping: { trackingNumber: 'NOT-A-REAL-NUMBER-42' } }));
    expect(undetectable.status).toBe(422);
    expect((await readJson(undetectable)).error.code).toBe('CARRIER_UNDETERMINED');

    const wrongFormat = await post(orderBody(code, { shipping: { carrier: 'ups', trackingNumber: '1Z0000000000000001' } }));
    expect(wrongFormat.status).toBe(422);
    expect((await readJson(wrongFormat)).error.code).toBe('INVALID_TRACKING_NUMBER');

    const missing = await stack.app.request(`/api/v1/orders/${uniqueName('NOPE')}`, { headers: storefrontHeaders() });
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).error.code).toBe('NOT_FOUND');
  });

  it('refuses control characters in names and addresses (400) and writes nothing, not even the customer', async () => {
    const customers = stack.mongo.collection('customers');
    const cases: [string, (code: string) => Record<string, unknown>][] = [
      ['customer.name', (code) => ({ customer: { email: `${code.toLowerCase()}@example.com`, name: 'Jane\u0000Doe' } })],
      ['shippingAddress.line1', (code) => ({ shippingAddress: { ...orderBody(code).shippingAddress, line1: '1 Main St\u0007' } })],
      ['items.0.name', () => ({ items: [{ sku: 'A', name: 'Mug\u001b[31m', quantity: 1 }] })],
      ['shippingAddress.city', (code) => ({ shippingAddress: { ...orderBody(code).shippingAddress, city: 'Port\ud800land' } })],
    ];
    for (const [path, override] of cases) {
      const code = uniqueName('CTL');
      const res = await post(orderBody(code, override(code)));
      expect(res.status, path).toBe(400);
      const body = await readJson(res);
      expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(body.error.message).toContain(path);
      expect(await customers.countDocuments({ email: `${code.toLowerCase()}@example.com` })).toBe(0);
      expect(await stack.mongo.collection('orders').countDocuments({ code })).toBe(0);
    }
    // Tab and newline stay allowed (a two-line delivery note in an address line).
    const fine = uniqueName('TAB');
    expect((await post(orderBody(fine, { shippingAddress: { ...orderBody(fine).shippingAddress, line2: 'Rear door\n\tring twice' } }))).status).toBe(201);
  });

  it('changes an existing customer\'s details only once an order of theirs is stored', async () => {
    const code = uniqueName('CUS');
    const email = `${code.toLowerCase()}@example.com`;
    expect((await post(orderBody(code, { customer: { email, name: 'Jane Doe', phone: '+15551230001' } }))).status).toBe(201);
    // The same order code again (no Idempotency-Key): refused, and the stored customer keeps her details.
    const refused = await post(orderBody(code, { customer: { email, name: 'Mallory', phone: '+15559990000' } }));
    expect(refused.status).toBe(409);
    expect(await stack.mongo.collection('customers').findOne({ email })).toMatchObject({ name: 'Jane Doe', phone: '+15551230001' });
    // A later order that is stored does update them.
    expect((await post(orderBody(uniqueName('CUS'), { customer: { email, name: 'Jane Q. Doe' } }))).status).toBe(201);
    expect(await stack.mongo.collection('customers').findOne({ email })).toMatchObject({ name: 'Jane Q. Doe', phone: '+15551230001' });
  });

  it('accepts placement times only within the last year (and a day ahead for clock skew)', async () => {
    for (const placedAt of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', new Date(Date.now() - 400 * 86_400_000).toISOString(), new Date(Date.now() + 3 * 86_400_000).toISOString()]) {
      const res = await post(orderBody(uniqueName('OLD'), { placedAt }));
      expect(res.status, placedAt).toBe(400);
      expect((await readJson(res)).error.message).toContain('placedAt');
    }
    expect((await post(orderBody(uniqueName('RECENT'), { placedAt: new Date(Date.now() - 30 * 86_400_000).toISOString() }))).status).toBe(201);
  });

  it('refuses a second open order under the same tracking number (409 naming the first), and takes it once the first has ended', async () => {
    const first = uniqueName('TN1');
    const body = orderBody(first);
    expect((await post(body, storefrontHeaders({ 'idempotency-key': `key-${first}` }))).status).toBe(201);
    // A retry of the first order itself is not a second order.
    expect((await post(body, storefrontHeaders({ 'idempotency-key': `key-${first}` }))).status).toBe(200);

    const second = uniqueName('TN2');
    const taken = await post(orderBody(second, { shipping: body.shipping }));
    expect(taken.status).toBe(409);
    const refusal = await readJson(taken);
    expect(refusal.error).toMatchObject({ code: 'TRACKING_NUMBER_IN_USE', details: { orderCode: first } });
    expect(refusal.error.message).toContain(first);
    expect(await stack.mongo.collection('orders').countDocuments({ code: second })).toBe(0);
    expect(await stack.mongo.collection('customers').countDocuments({ email: `${second.toLowerCase()}@example.com` })).toBe(0);

    // Once the first order is cancelled, the number may carry a new order.
    expect((await stack.app.request(`/api/v1/orders/${first}/cancel`, { method: 'POST', headers: storefrontHeaders(), body: '{}' })).status).toBe(202);
    await eventually(() => stack.repos.orders.findByCode(first), (o) => o?.status === 'cancelled');
    expect((await post(orderBody(second, { shipping: body.shipping }))).status).toBe(201);
  });

  it('detects the carrier from the tracking number when the shop does not name one', async () => {
    const code = uniqueName('ORD');
    const res = await post(orderBody(code, { shipping: { trackingNumber: '1Z5R89390357567127' } }));
    expect(res.status).toBe(201);
    expect((await readJson(res)).carrier).toMatchObject({ id: 'ups', name: 'UPS', trackingNumber: '1Z5R89390357567127' });
    const tracked = await stack.app.request('/api/v1/track/1z5r 8939 0357 5671 27', { headers: storefrontHeaders() });
    expect(tracked.status).toBe(200);
    expect(await readJson(tracked)).toMatchObject({ orderCode: code, status: 'order_received', carrier: { name: 'UPS' } });
    expect((await stack.app.request('/api/v1/track/1Z5R89390357567999', { headers: storefrontHeaders() })).status).toBe(404);
  });

  it('serves its OpenAPI 3.1 document and health', async () => {
    const doc = await readJson(await stack.app.request('/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/orders', '/api/v1/orders/{code}']));
    const health = await stack.app.request('/healthz');
    expect(health.status).toBe(200);
    expect(await readJson(health)).toEqual({ status: 'ok', mongo: true, temporal: true });
  });
});
