import { afterEach, describe, expect, it } from 'vitest';
import { PermanentCarrierError, TransientCarrierError, type IncomingWebhook } from '../../../src/carriers/carrier-adapter.js';
import { createShippoAdapter, detectShippoCarrier } from '../../../src/carriers/shippo/index.js';
import { normalizeBody } from '../../../src/carriers/shippo/normalize.js';
import { SHIPPO_STATUSES, SHIPPO_SUBSTATUS_REASONS, mapShippoStatus } from '../../../src/carriers/shippo/status-map.js';
import { SHIPPO_WEBHOOK_IPS, parseShippoWebhook, verifyShippoWebhook } from '../../../src/carriers/shippo/webhook.js';
import { WebhookPayloadError } from '../../../src/carriers/webhook-security/errors.js';
import { jsonReply, startLocalHttpServer, type LocalHttpServer } from '../../support/local-http-server.js';
import { readCarrierFixture } from '../../support/carrier-fixtures.js';

const delivered = readCarrierFixture('shippo/webhook_track_updated_DELIVERED.reconstructed.json');

function webhook(rawBody: Buffer, token?: string, remoteAddress?: string): IncomingWebhook {
  const headers: Record<string, string> = token === undefined ? {} : { 'x-webhook-token': token };
  return { rawBody, headers, receivedAtMs: 0, ...(remoteAddress ? { remoteAddress } : {}) };
}

describe('Shippo webhook verification', () => {
  const token = 'f3b1c0de-webhook-token';

  it('accepts the configured token and refuses a wrong or missing one', () => {
    expect(verifyShippoWebhook(webhook(delivered, token), { webhookToken: token })).toEqual({ ok: true });
    expect(verifyShippoWebhook(webhook(delivered, `${token}x`), { webhookToken: token })).toEqual({ ok: false, reason: 'webhook token mismatch' });
    expect(verifyShippoWebhook(webhook(delivered, ''), { webhookToken: token })).toEqual({ ok: false, reason: 'missing webhook token' });
    expect(verifyShippoWebhook(webhook(delivered), { webhookToken: token }).ok).toBe(false);
  });

  it('with a token, ignores the source address unless an allow-list was set explicitly', () => {
    expect(verifyShippoWebhook(webhook(delivered, token, '127.0.0.1'), { webhookToken: token }).ok).toBe(true);
    const withList = { webhookToken: token, ipAllowList: ['52.4.41.98'] };
    expect(verifyShippoWebhook(webhook(delivered, token, '::ffff:52.4.41.98'), withList).ok).toBe(true);
    expect(verifyShippoWebhook(webhook(delivered, token, '127.0.0.1'), withList)).toEqual({
      ok: false,
      reason: 'source address not in the allow-list',
    });
  });

  it('refuses everything when no token is configured and IP-only mode is off', () => {
    const result = verifyShippoWebhook(webhook(delivered, 'anything', '52.4.41.98'), {});
    expect(result.ok).toBe(false);
    expect(verifyShippoWebhook(webhook(delivered, undefined, '52.4.41.98'), { ipAllowList: ['52.4.41.98'] }).ok).toBe(false);
  });

  it('in IP-only mode checks Shippo documented addresses by default', () => {
    expect(SHIPPO_WEBHOOK_IPS).toHaveLength(9);
    for (const ip of SHIPPO_WEBHOOK_IPS) {
      expect(verifyShippoWebhook(webhook(delivered, undefined, ip), { allowIpOnly: true }).ok).toBe(true);
    }
    expect(verifyShippoWebhook(webhook(delivered, undefined, '::ffff:34.248.247.69'), { allowIpOnly: true }).ok).toBe(true);
    expect(verifyShippoWebhook(webhook(delivered, undefined, '203.0.113.9'), { allowIpOnly: true }).ok).toBe(false);
    expect(verifyShippoWebhook(webhook(delivered), { allowIpOnly: true }).ok).toBe(false);
  });

  it('in IP-only mode uses a configured list and refuses an empty one', () => {
    expect(verifyShippoWebhook(webhook(delivered, undefined, '10.1.2.3'), { allowIpOnly: true, ipAllowList: ['10.0.0.0/8'] }).ok).toBe(true);
    expect(verifyShippoWebhook(webhook(delivered, undefined, '52.4.41.98'), { allowIpOnly: true, ipAllowList: ['10.0.0.0/8'] }).ok).toBe(false);
    expect(verifyShippoWebhook(webhook(delivered, undefined, '10.1.2.3'), { allowIpOnly: true, ipAllowList: [] })).toEqual({
      ok: false,
      reason: 'IP-only mode needs a non-empty allow-list',
    });
  });
});

describe('Shippo webhook parsing', () => {
  it('maps the track_updated DELIVERED example (empty history: the latest status is the event)', () => {
    expect(parseShippoWebhook(webhook(delivered))).toEqual({
      deliveryId: '<id>:2016-07-23T00:00:00Z',
      updates: [
        {
          trackingNumber: '9205590164917312751089',
          carrierId: 'usps',
          // `eta` is null there, so the original estimate stands in.
          eta: { date: '2021-07-23T00:00:00Z' },
          events: [
            {
              status: 'delivered',
              occurredAt: '2016-07-23T00:00:00Z',
              description: 'Your shipment has been delivered at the destination mailbox.',
              location: { city: 'Las Vegas', region: 'NV', postalCode: '89101', country: 'US' },
              carrierCode: 'information_received',
              carrierEventId: '<id>',
            },
          ],
        },
      ],
    });
  });

  it('maps tracking_history oldest first without repeating the latest status', () => {
    const entry = (id: string, status: string, date: string, code?: string) => ({
      object_id: id,
      status,
      status_date: date,
      status_details: `${status} details`,
      substatus: code ? { code, text: code, action_required: false } : null,
      location: null,
    });
    const latest = entry('s3', 'TRANSIT', '2024-03-03T09:00:00-05:00', 'out_for_delivery');
    const body = JSON.stringify({
      carrier: 'usps',
      tracking_number: 'S1',
      eta: '2024-03-03T20:00:00Z',
      tracking_status: latest,
      tracking_history: [entry('s1', 'PRE_TRANSIT', '2024-03-01T10:00:00Z'), entry('s2', 'TRANSIT', '2024-03-02T10:00:00Z', 'package_accepted'), latest],
    });
    const [update] = normalizeBody(body);
    expect(update?.eta).toEqual({ date: '2024-03-03T20:00:00Z' });
    expect(update?.events.map((e) => [e.carrierEventId, e.status, e.occurredAt])).toEqual([
      ['s1', 'label_created', '2024-03-01T10:00:00Z'],
      ['s2', 'picked_up', '2024-03-02T10:00:00Z'],
      ['s3', 'out_for_delivery', '2024-03-03T09:00:00-05:00'],
    ]);
    expect(update?.events[0]?.carrierCode).toBe('PRE_TRANSIT');
  });

  it('marks a track with no status at all as not found', () => {
    expect(normalizeBody(JSON.stringify({ carrier: 'usps', tracking_number: 'N1', tracking_status: null, tracking_history: [] }))).toEqual([
      { trackingNumber: 'N1', carrierId: 'usps', events: [], notFound: true },
    ]);
  });

  it('acknowledges other events with zero updates and no delivery id', () => {
    const body = Buffer.from(JSON.stringify({ event: 'transaction_created', test: true, data: { object_id: 'tx1' } }));
    expect(parseShippoWebhook(webhook(body))).toEqual({ updates: [] });
  });

  it('throws WebhookPayloadError for bodies it cannot read', () => {
    expect(() => parseShippoWebhook(webhook(Buffer.from('')))).toThrow(WebhookPayloadError);
    expect(() => normalizeBody(JSON.stringify({ event: 'track_updated' }))).toThrow(/no data object/);
    expect(() => normalizeBody(JSON.stringify({ event: 'track_updated', data: { carrier: 'usps' } }))).toThrow(/data: tracking_number/);
    expect(() => normalizeBody('{"x":1}')).toThrow(WebhookPayloadError);
  });
});

describe('Shippo status table', () => {
  it.each([
    ['UNKNOWN', 'unknown'],
    ['PRE_TRANSIT', 'label_created'],
    ['TRANSIT', 'in_transit'],
    ['DELIVERED', 'delivered'],
    ['RETURNED', 'returned_to_sender'],
    ['FAILURE', 'exception'],
  ])('%s → %s', (raw, status) => {
    expect(mapShippoStatus(raw)).toEqual({ status });
  });

  it('covers every documented status', () => {
    expect(Object.keys(SHIPPO_STATUSES)).toHaveLength(6);
  });

  it.each([
    ['TRANSIT', 'out_for_delivery', { status: 'out_for_delivery' }],
    ['TRANSIT', 'pickup_available', { status: 'available_for_pickup' }],
    ['TRANSIT', 'package_accepted', { status: 'picked_up' }],
    ['PRE_TRANSIT', 'package_accepted', { status: 'picked_up' }],
    ['TRANSIT', 'delivery_attempted', { status: 'delivery_attempted', subStatus: 'attempt_failed' }],
    ['FAILURE', 'notice_left', { status: 'delivery_attempted', subStatus: 'attempt_failed' }],
    ['TRANSIT', 'return_to_sender', { status: 'returned_to_sender' }],
    ['FAILURE', 'address_issue', { status: 'exception', subStatus: 'address_issue' }],
    ['FAILURE', 'location_inaccessible', { status: 'exception', subStatus: 'address_issue' }],
    ['TRANSIT', 'delayed', { status: 'in_transit', subStatus: 'delayed' }],
    ['FAILURE', 'package_damaged', { status: 'exception', subStatus: 'damaged' }],
    ['FAILURE', 'package_lost', { status: 'exception', subStatus: 'lost' }],
    ['TRANSIT', 'package_departed', { status: 'in_transit' }],
    ['FAILURE', 'package_undeliverable', { status: 'exception' }],
    ['DELIVERED', 'information_received', { status: 'delivered' }],
    ['DELIVERED', 'out_for_delivery', { status: 'delivered' }],
    ['DELIVERED', 'delayed', { status: 'delivered' }],
    ['RETURNED', 'delivery_attempted', { status: 'returned_to_sender' }],
    ['FAILURE', 'out_for_delivery', { status: 'exception' }],
  ])('%s + %s', (status, code, expected) => {
    expect(mapShippoStatus(status, code)).toEqual(expected);
  });

  it('lists only known reasons', () => {
    expect(Object.keys(SHIPPO_SUBSTATUS_REASONS).sort()).toEqual(['address_issue', 'delayed', 'location_inaccessible', 'package_damaged', 'package_lost']);
  });

  it('maps unknown or missing statuses to unknown and keeps the raw text on the event', () => {
    expect(mapShippoStatus('TELEPORTED')).toEqual({ status: 'unknown' });
    expect(mapShippoStatus(undefined, 'out_for_delivery')).toEqual({ status: 'unknown' });
    expect(mapShippoStatus('transit')).toEqual({ status: 'in_transit' });
    const body = JSON.stringify({ tracking_number: 'U1', tracking_status: { status: 'TELEPORTED', status_date: '2024-01-01T00:00:00Z' } });
    expect(normalizeBody(body)[0]?.events).toEqual([
      { status: 'unknown', occurredAt: '2024-01-01T00:00:00Z', description: 'TELEPORTED', carrierCode: 'TELEPORTED' },
    ]);
  });
});

// ---- client against a real local HTTP server -------------------------------------------------------

describe('Shippo client (real HTTP)', () => {
  let server: LocalHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const track = JSON.stringify((JSON.parse(delivered.toString('utf8')) as { data: unknown }).data);

  it('registers a track with the ShippoToken header and a JSON body', async () => {
    server = await startLocalHttpServer(() => jsonReply(201, track));
    const adapter = createShippoAdapter({ baseUrl: server.url, apiToken: 'shippo_test_abc', webhookToken: 't' });
    const result = await adapter.client.registerTrack('usps', '9205590164917312751089', 'Order 000123');
    expect(result.tracking_number).toBe('9205590164917312751089');
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/tracks/');
    expect(req?.headers.authorization).toBe('ShippoToken shippo_test_abc');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({ carrier: 'usps', tracking_number: '9205590164917312751089', metadata: 'Order 000123' });
  });

  it('polls GET /tracks/{carrier}/{number} with the resolved carrier', async () => {
    server = await startLocalHttpServer(() => jsonReply(200, track));
    const adapter = createShippoAdapter({ baseUrl: server.url, apiToken: 'shippo_test_abc', resolveCarrier: () => 'usps' });
    const [update] = await adapter.track(['9205590164917312751089']);
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/tracks/usps/9205590164917312751089', body: '' });
    expect(server.requests[0]?.headers.authorization).toBe('ShippoToken shippo_test_abc');
    expect(update?.events.map((e) => e.status)).toEqual(['delivered']);
  });

  it('guesses the Shippo carrier token from the number by default and refuses to guess blindly', async () => {
    expect(detectShippoCarrier('1Z879E930346834440')).toBe('ups');
    expect(detectShippoCarrier('not a number')).toBeUndefined();
    server = await startLocalHttpServer(() => jsonReply(200, track));
    const adapter = createShippoAdapter({ baseUrl: server.url, apiToken: 'tok' });
    await adapter.track(['1Z879E930346834440']);
    expect(server.requests[0]?.url).toBe('/tracks/ups/1Z879E930346834440');
    await expect(adapter.track(['???'])).rejects.toMatchObject({ name: 'PermanentCarrierError', code: 'CARRIER_REQUIRED' });
    expect(server.requests).toHaveLength(1);
  });

  it('classifies failures: 404 permanent, 500 transient', async () => {
    let status = 404;
    server = await startLocalHttpServer(() => jsonReply(status, '{"detail":"Not found."}'));
    const client = createShippoAdapter({ baseUrl: server.url, apiToken: 'tok' }).client;
    await expect(client.getTrack('usps', 'X')).rejects.toMatchObject({ code: 'HTTP_404' });
    await expect(client.getTrack('usps', 'X')).rejects.toBeInstanceOf(PermanentCarrierError);
    status = 500;
    await expect(client.getTrack('usps', 'X')).rejects.toBeInstanceOf(TransientCarrierError);
  });

  it('wires the pure parts into the adapter', () => {
    const adapter = createShippoAdapter({ apiToken: 'tok', webhookToken: 'secret-token' });
    expect(adapter.id).toBe('shippo');
    expect(adapter.verifyWebhook?.(webhook(delivered, 'secret-token'))).toEqual({ ok: true });
    expect(adapter.verifyWebhook?.(webhook(delivered, 'other'))).toEqual({ ok: false, reason: 'webhook token mismatch' });
    expect(createShippoAdapter({ apiToken: 'tok' }).verifyWebhook?.(webhook(delivered, 'x', '52.4.41.98')).ok).toBe(false);
    expect(createShippoAdapter({ apiToken: 'tok', allowIpOnly: true }).verifyWebhook?.(webhook(delivered, undefined, '52.4.41.98')).ok).toBe(true);
    expect(adapter.parseWebhook?.(webhook(delivered)).updates).toHaveLength(1);
  });
});
