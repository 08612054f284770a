import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentCarrierError, TransientCarrierError, type IncomingWebhook } from '../../../src/carriers/carrier-adapter.js';
import { createEasyPostAdapter } from '../../../src/carriers/easypost/index.js';
import { normalizeBody } from '../../../src/carriers/easypost/normalize.js';
import { EASYPOST_STATUSES, mapEasyPostStatus } from '../../../src/carriers/easypost/status-map.js';
import { easyPostSignature, parseEasyPostWebhook, verifyEasyPostWebhook } from '../../../src/carriers/easypost/webhook.js';
import { WebhookPayloadError } from '../../../src/carriers/webhook-security/errors.js';
import { jsonReply, startLocalHttpServer, type LocalHttpReply, type LocalHttpServer } from '../../support/local-http-server.js';
import { readCarrierFixture } from '../../support/carrier-fixtures.js';

const fixture = (name: string) => readCarrierFixture(`easypost/${name}`);
const vector = JSON.parse(fixture('webhook_signature_vector.json').toString('utf8')) as {
  webhook_secret: string;
  expected_header_value: string;
};

function webhook(rawBody: Buffer, signature?: string): IncomingWebhook {
  return { rawBody, headers: signature === undefined ? {} : { 'x-hmac-signature': signature }, receivedAtMs: 0 };
}

describe('EasyPost webhook signature', () => {
  const signed = fixture('event-body.signed-bytes.json');

  it('reproduces the published vector over the exact signed bytes', () => {
    expect(signed.length).toBe(3550);
    expect(easyPostSignature(vector.webhook_secret, signed)).toBe(vector.expected_header_value);
    expect(verifyEasyPostWebhook(webhook(signed, vector.expected_header_value), vector.webhook_secret)).toEqual({ ok: true });
  });

  it('accepts upper-case hex (case is not a secret)', () => {
    expect(verifyEasyPostWebhook(webhook(signed, vector.expected_header_value.toUpperCase()), vector.webhook_secret).ok).toBe(true);
  });

  it('rejects the same file with its trailing newline', () => {
    const withNewline = fixture('event-body.json');
    expect(withNewline.length).toBe(3551);
    const result = verifyEasyPostWebhook(webhook(withNewline, vector.expected_header_value), vector.webhook_secret);
    expect(result).toEqual({ ok: false, reason: 'signature mismatch' });
  });

  it('keys with the NFKD form: a signature made with the raw secret bytes does not verify', () => {
    const precomposed = vector.webhook_secret.normalize('NFC');
    const withoutNfkd = 'hmac-sha256-hex=' + createHmac('sha256', Buffer.from(precomposed, 'utf8')).update(signed).digest('hex');
    expect(withoutNfkd).not.toBe(vector.expected_header_value);
    expect(verifyEasyPostWebhook(webhook(signed, withoutNfkd), vector.webhook_secret).ok).toBe(false);
    // Whichever form the operator typed the secret in, NFKD makes them the same key.
    expect(verifyEasyPostWebhook(webhook(signed, vector.expected_header_value), precomposed.normalize('NFD')).ok).toBe(true);
  });

  it('rejects a tampered body, a wrong secret, a missing header and an unconfigured secret', () => {
    const tampered = Buffer.from(signed);
    tampered[tampered.indexOf('in_transit')] = 'I'.charCodeAt(0);
    expect(verifyEasyPostWebhook(webhook(tampered, vector.expected_header_value), vector.webhook_secret).ok).toBe(false);
    expect(verifyEasyPostWebhook(webhook(signed, vector.expected_header_value), 'secret').ok).toBe(false);
    expect(verifyEasyPostWebhook(webhook(signed), vector.webhook_secret)).toEqual({ ok: false, reason: 'missing x-hmac-signature header' });
    expect(verifyEasyPostWebhook(webhook(signed, 'hmac-sha256-hex=00'), vector.webhook_secret).ok).toBe(false);
    expect(verifyEasyPostWebhook(webhook(signed, vector.expected_header_value), undefined).ok).toBe(false);
    expect(verifyEasyPostWebhook(webhook(signed, vector.expected_header_value), '').ok).toBe(false);
  });
});

describe('EasyPost webhook parsing', () => {
  it('maps the production tracker.updated event', () => {
    const parsed = parseEasyPostWebhook(webhook(fixture('event-body.signed-bytes.json')));
    expect(parsed.deliveryId).toBe('evt_1');
    expect(parsed.updates).toHaveLength(1);
    const [update] = parsed.updates;
    expect(update?.trackingNumber).toBe('1');
    expect(update?.eta).toEqual({ date: '2024-08-05' });
    expect(update?.events.map((e) => [e.status, e.occurredAt, e.carrierCode])).toEqual([
      ['label_created', '2024-07-31T15:00:00Z', 'OC'],
      ['in_transit', '2024-07-31T19:27:00Z', 'PU'],
      ['in_transit', '2024-07-31T22:35:00Z', 'AR'],
      ['in_transit', '2024-08-01T14:42:13Z', 'DP'],
      ['in_transit', '2024-08-02T02:46:19Z', 'IT'],
      ['in_transit', '2024-08-02T18:35:20Z', 'IT'],
      ['in_transit', '2024-08-02T18:50:00Z', 'AR'],
    ]);
    expect(update?.events[0]).toEqual({
      status: 'label_created',
      occurredAt: '2024-07-31T15:00:00Z',
      description: 'Shipment information sent to FedEx',
      location: { country: 'US', postalCode: '32837' },
      carrierCode: 'OC',
    });
    expect(update?.events[6]?.location).toEqual({ city: 'EDISON', region: 'NJ', country: 'US', postalCode: '08817' });
  });

  it('maps the delivered example from the tracking guide', () => {
    const [update, ...rest] = normalizeBody(fixture('landing_tracking_webhook_response.json').toString('utf8'));
    expect(rest).toEqual([]);
    expect(update?.trackingNumber).toBe('EZ4000000004');
    expect(update?.eta).toEqual({ date: '2014-08-27T00:00:00Z' });
    expect(update?.events.map((e) => e.status)).toEqual([
      'label_created',
      'in_transit',
      'in_transit',
      'in_transit',
      'out_for_delivery',
      'delivered',
    ]);
    expect(update?.events[0]).toEqual({
      status: 'label_created',
      occurredAt: '2014-08-21T14:24:00Z',
      description: 'BILLING INFORMATION RECEIVED',
      carrierCode: 'pre_transit',
    });
    expect(update?.events[5]).toEqual({
      status: 'delivered',
      occurredAt: '2014-08-24T15:33:00Z',
      description: 'DELIVERED',
      location: { city: 'SAN FRANCISCO', region: 'CA', country: 'US' },
      carrierCode: 'delivered',
    });
  });

  it.each(['trackers-create.json', 'trackers-retrieve.json'])('maps the API tracker %s', (name) => {
    const updates = normalizeBody(fixture(name).toString('utf8'));
    expect(updates).toEqual([
      {
        trackingNumber: 'EZ1000000001',
        carrierId: 'usps',
        eta: { date: '2025-05-09T20:40:17Z' },
        events: [
          {
            status: 'label_created',
            occurredAt: '2025-04-09T20:40:17Z',
            description: 'Pre-Shipment Info Sent to USPS',
            carrierCode: 'pre_transit',
          },
          {
            status: 'label_created',
            occurredAt: '2025-04-10T09:17:17Z',
            description: 'Shipping Label Created',
            location: { city: 'HOUSTON', region: 'TX', postalCode: '77063' },
            carrierCode: 'pre_transit',
          },
        ],
      },
    ]);
  });

  it('refuses a tracker event without its tracker (events-retrieve.json omits result)', () => {
    expect(() => normalizeBody(fixture('events-retrieve.json').toString('utf8'))).toThrow(WebhookPayloadError);
    expect(() => normalizeBody(fixture('events-retrieve.json').toString('utf8'))).toThrow(/tracker.created event has no result/);
  });

  it('acknowledges other events with zero updates but keeps the delivery id', () => {
    const body = Buffer.from(JSON.stringify({ id: 'evt_9', object: 'Event', description: 'batch.created', result: { id: 'batch_1' } }));
    expect(parseEasyPostWebhook(webhook(body))).toEqual({ deliveryId: 'evt_9', updates: [] });
  });

  it('maps the tracker list answer and prefers the local ETA with its time', () => {
    const tracker = JSON.parse(fixture('trackers-retrieve.json').toString('utf8')) as Record<string, unknown>;
    const withLocal = { ...tracker, carrier_detail: { est_delivery_date_local: '2025-05-12', est_delivery_time_local: '17:00:00' } };
    const updates = normalizeBody(JSON.stringify({ trackers: [withLocal, tracker], has_more: false }));
    expect(updates.map((u) => u.eta)).toEqual([{ date: '2025-05-12T17:00:00' }, { date: '2025-05-09T20:40:17Z' }]);
  });

  it('throws WebhookPayloadError for bodies it cannot read', () => {
    expect(() => parseEasyPostWebhook(webhook(Buffer.from('not json')))).toThrow(WebhookPayloadError);
    expect(() => normalizeBody('{"hello":"world"}')).toThrow(WebhookPayloadError);
    expect(() => normalizeBody('[]')).toThrow(WebhookPayloadError);
    const noCode = JSON.stringify({ object: 'Event', id: 'evt_2', description: 'tracker.updated', result: { status: 'delivered' } });
    expect(() => normalizeBody(noCode)).toThrow(/tracker: tracking_code/);
  });

  it('drops scans without a readable time and keeps raw text for unknown statuses', () => {
    const body = JSON.stringify({
      object: 'Tracker',
      tracking_code: 'X1',
      tracking_details: [
        { message: 'no time', status: 'in_transit', datetime: null },
        { message: '', status: 'teleported', status_detail: 'beamed_up', datetime: '2024-01-02T03:04:05-05:00' },
      ],
    });
    expect(normalizeBody(body)).toEqual([
      {
        trackingNumber: 'X1',
        events: [{ status: 'unknown', occurredAt: '2024-01-02T03:04:05-05:00', description: 'beamed_up', carrierCode: 'teleported' }],
      },
    ]);
  });
});

describe('EasyPost status table', () => {
  it.each([
    ['unknown', 'unknown', undefined],
    ['pre_transit', 'label_created', undefined],
    ['in_transit', 'in_transit', undefined],
    ['out_for_delivery', 'out_for_delivery', undefined],
    ['available_for_pickup', 'available_for_pickup', undefined],
    ['delivered', 'delivered', undefined],
    ['return_to_sender', 'returned_to_sender', undefined],
    ['failure', 'exception', undefined],
    ['cancelled', 'exception', 'cancelled'],
    ['error', 'unknown', undefined],
  ])('%s → %s', (raw, status, subStatus) => {
    expect(mapEasyPostStatus(raw)).toEqual(subStatus ? { status, subStatus } : { status });
  });

  it('covers every documented status', () => {
    expect(Object.keys(EASYPOST_STATUSES).sort()).toEqual(
      ['available_for_pickup', 'cancelled', 'delivered', 'error', 'failure', 'in_transit', 'out_for_delivery', 'pre_transit', 'return_to_sender', 'unknown'],
    );
  });

  it('refines with status_detail', () => {
    expect(mapEasyPostStatus('in_transit', 'received_at_origin_facility')).toEqual({ status: 'picked_up' });
    expect(mapEasyPostStatus('in_transit', 'weather_delay')).toEqual({ status: 'in_transit', subStatus: 'delayed' });
    expect(mapEasyPostStatus('failure', 'address_correction')).toEqual({ status: 'exception', subStatus: 'address_issue' });
    expect(mapEasyPostStatus('failure', 'lost')).toEqual({ status: 'exception', subStatus: 'lost' });
    expect(mapEasyPostStatus('failure', 'damaged')).toEqual({ status: 'exception', subStatus: 'damaged' });
    expect(mapEasyPostStatus('return_to_sender', 'refused')).toEqual({ status: 'returned_to_sender', subStatus: 'refused' });
    expect(mapEasyPostStatus('delivered', 'delayed')).toEqual({ status: 'delivered' });
    expect(mapEasyPostStatus('in_transit', 'arrived_at_facility')).toEqual({ status: 'in_transit' });
  });

  it('maps unknown or missing statuses to unknown without throwing', () => {
    expect(mapEasyPostStatus('teleported')).toEqual({ status: 'unknown' });
    expect(mapEasyPostStatus(undefined, 'lost')).toEqual({ status: 'unknown' });
    expect(mapEasyPostStatus('__proto__')).toEqual({ status: 'unknown' });
    expect(mapEasyPostStatus(' Delivered ')).toEqual({ status: 'delivered' });
  });
});

// ---- client against a real local HTTP server -------------------------------------------------------

describe('EasyPost client (real HTTP)', () => {
  let server: LocalHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const basic = `Basic ${Buffer.from('EZTK_test_key:').toString('base64')}`;

  it('creates a tracker with Basic auth and the documented body', async () => {
    server = await startLocalHttpServer(() => jsonReply(201, fixture('trackers-create.json').toString('utf8')));
    const adapter = createEasyPostAdapter({ baseUrl: server.url, apiKey: 'EZTK_test_key', webhookSecret: 's' });
    const tracker = await adapter.client.createTracker('EZ1000000001', 'USPS');
    expect(tracker.id).toBe('trk_9135862729734d96ad2f9ed0f0565a27');
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v2/trackers');
    expect(req?.headers.authorization).toBe(basic);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({ tracker: { tracking_code: 'EZ1000000001', carrier: 'USPS' } });
  });

  it('retrieves a tracker by id', async () => {
    server = await startLocalHttpServer(() => jsonReply(200, fixture('trackers-retrieve.json').toString('utf8')));
    const client = createEasyPostAdapter({ baseUrl: server.url, apiKey: 'EZTK_test_key' }).client;
    const tracker = await client.retrieveTracker('trk_9135862729734d96ad2f9ed0f0565a27');
    expect(tracker.tracking_code).toBe('EZ1000000001');
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/v2/trackers/trk_9135862729734d96ad2f9ed0f0565a27', body: '' });
    expect(server.requests[0]?.headers.authorization).toBe(basic);
  });

  it('polls by listing trackers of a code; no tracker means notFound', async () => {
    const retrieved = JSON.parse(fixture('trackers-retrieve.json').toString('utf8')) as Record<string, unknown>;
    server = await startLocalHttpServer((req) =>
      req.url.includes('EZ1000000001')
        ? jsonReply(200, JSON.stringify({ trackers: [{ ...retrieved, updated_at: '2025-01-01T00:00:00Z', tracking_details: [] }, retrieved], has_more: false }))
        : jsonReply(200, JSON.stringify({ trackers: [], has_more: false })),
    );
    const adapter = createEasyPostAdapter({ baseUrl: server.url, apiKey: 'EZTK_test_key' });
    const updates = await adapter.track(['EZ1000000001', 'EZ0000000000']);
    expect(server.requests.map((r) => r.url)).toEqual(['/v2/trackers?tracking_code=EZ1000000001', '/v2/trackers?tracking_code=EZ0000000000']);
    expect(updates[0]?.events).toHaveLength(2); // the most recently updated tracker wins
    expect(updates[1]).toEqual({ trackingNumber: 'EZ0000000000', events: [], notFound: true });
  });

  it('classifies failures: 401 permanent, 503 transient, unreadable 200 permanent', async () => {
    let answer: LocalHttpReply = jsonReply(401, '{"error":{"code":"APIKEY.INACTIVE"}}');
    server = await startLocalHttpServer(() => answer);
    const client = createEasyPostAdapter({ baseUrl: server.url, apiKey: 'k' }).client;
    await expect(client.retrieveTracker('trk_1')).rejects.toMatchObject({ name: 'PermanentCarrierError', code: 'HTTP_401' });
    answer = jsonReply(503, '');
    await expect(client.retrieveTracker('trk_1')).rejects.toBeInstanceOf(TransientCarrierError);
    answer = jsonReply(200, '<html>');
    await expect(client.retrieveTracker('trk_1')).rejects.toEqual(expect.objectContaining({ code: 'INVALID_RESPONSE' }));
    await expect(client.retrieveTracker('trk_1')).rejects.toBeInstanceOf(PermanentCarrierError);
  });

  it('wires the pure parts into the adapter', () => {
    const adapter = createEasyPostAdapter({ apiKey: 'k', webhookSecret: vector.webhook_secret });
    const signed = fixture('event-body.signed-bytes.json');
    expect(adapter.id).toBe('easypost');
    expect(adapter.capabilities).toEqual({ createShipment: false, webhooks: true, tracking: true, maxBatchSize: 1 });
    expect(adapter.verifyWebhook?.(webhook(signed, vector.expected_header_value))).toEqual({ ok: true });
    expect(adapter.parseWebhook?.(webhook(signed)).deliveryId).toBe('evt_1');
    expect(adapter.parseTracking(fixture('trackers-create.json').toString('utf8'))).toHaveLength(1);
    expect(createEasyPostAdapter({ apiKey: 'k' }).verifyWebhook?.(webhook(signed, vector.expected_header_value)).ok).toBe(false);
  });
});
