import { afterEach, describe, expect, it } from 'vitest';
import { createAfterShipAdapter } from '../../../src/carriers/aftership/index.js';
import { PermanentCarrierError, TransientCarrierError, type IncomingWebhook } from '../../../src/carriers/carrier-adapter.js';
import { mapTrackingEta } from '../../../src/carriers/aftership/mapper.js';
import { normalizeBody } from '../../../src/carriers/aftership/normalize.js';
import { afterShipTrackingSchema } from '../../../src/carriers/aftership/schemas.js';
import { AFTERSHIP_SUBTAGS, AFTERSHIP_TAGS, mapAfterShipTag } from '../../../src/carriers/aftership/status-map.js';
import { afterShipSignature, parseAfterShipWebhook, verifyAfterShipWebhook } from '../../../src/carriers/aftership/webhook.js';
import { WebhookPayloadError } from '../../../src/carriers/webhook-security/errors.js';
import { jsonReply, startLocalHttpServer, type LocalHttpServer } from '../../support/local-http-server.js';
import { readCarrierFixture } from '../../support/carrier-fixtures.js';

const fixture = (name: string) => readCarrierFixture(`aftership/${name}`);
const vectors = JSON.parse(fixture('webhook_signature_vectors.json').toString('utf8')) as {
  webhook_secret: string;
  vectors: Array<{ body_file: string; 'aftership-hmac-sha256': string }>;
};
const secret = vectors.webhook_secret;

function webhook(rawBody: Buffer, signature?: string, version?: string): IncomingWebhook {
  const headers: Record<string, string> = {};
  if (signature !== undefined) headers['aftership-hmac-sha256'] = signature;
  if (version !== undefined) headers['as-webhook-version'] = version;
  return { rawBody, headers, receivedAtMs: 0 };
}

describe('AfterShip webhook signature', () => {
  it.each(vectors.vectors.map((v) => [v.body_file, v['aftership-hmac-sha256']]))('verifies %s', (file, signature) => {
    const body = fixture(file);
    expect(afterShipSignature(secret, body)).toBe(signature);
    expect(verifyAfterShipWebhook(webhook(body, signature), secret)).toEqual({ ok: true });
  });

  it('rejects a tampered body, a wrong secret, a missing header and an unconfigured secret', () => {
    const [first] = vectors.vectors;
    if (!first) throw new Error('vector file has no vectors');
    const body = fixture(first.body_file);
    const signature = first['aftership-hmac-sha256'];
    const tampered = Buffer.concat([body, Buffer.from(' ')]);
    expect(verifyAfterShipWebhook(webhook(tampered, signature), secret)).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifyAfterShipWebhook(webhook(body, signature), `${secret}x`).ok).toBe(false);
    expect(verifyAfterShipWebhook(webhook(body), secret)).toEqual({ ok: false, reason: 'missing aftership-hmac-sha256 header' });
    expect(verifyAfterShipWebhook(webhook(body, signature), undefined).ok).toBe(false);
    // Base64 is case-sensitive: a case-flipped signature is a different signature.
    expect(verifyAfterShipWebhook(webhook(body, signature.toLowerCase()), secret).ok).toBe(false);
    // The other vector's signature does not cross over.
    expect(verifyAfterShipWebhook(webhook(body, vectors.vectors[1]?.['aftership-hmac-sha256']), secret).ok).toBe(false);
  });
});

describe('AfterShip webhook parsing', () => {
  it('maps tracking_update (InTransit)', () => {
    const parsed = parseAfterShipWebhook(webhook(fixture('webhook_tracking_update_InTransit.signed-bytes.json')));
    expect(parsed).toEqual({
      deliveryId: '94dadd60-ed26-46d0-aa52-3ced925a50ff',
      updates: [
        {
          trackingNumber: '0000000000000000',
          carrierId: 'usps',
          events: [
            {
              status: 'in_transit',
              occurredAt: '2021-01-14T00:52:00',
              description: 'Departed Shipping Partner Facility, USPS Awaiting Item',
              carrierCode: 'InTransit_001',
            },
          ],
        },
      ],
    });
  });

  it('maps edd_revise to an update that carries the revised ETA and no events', () => {
    const parsed = parseAfterShipWebhook(webhook(fixture('webhook_edd_revise.signed-bytes.json')));
    expect(parsed).toEqual({
      deliveryId: '0a5f8c6f-0e4f-4ad9-9a0a-1b2c3d4e5f60',
      updates: [{ trackingNumber: '0000000000000000', carrierId: 'usps', events: [], eta: { date: '2026-10-02' } }],
    });
  });

  it('reads checkpoint locations under old and new field names (as-webhook-version)', () => {
    const envelope = (checkpoint: Record<string, unknown>) =>
      Buffer.from(JSON.stringify({ event: 'tracking_update', event_id: 'e1', msg: { tracking_number: 'T1', checkpoints: [checkpoint] } }));
    const base = { checkpoint_time: '2026-02-01T10:00:00+01:00', tag: 'InTransit', city: 'Berlin', state: 'BE', message: 'Hub' };
    const old = parseAfterShipWebhook(webhook(envelope({ ...base, zip: '10115', country_iso3: 'DEU' }), undefined, '2025-07'));
    const current = parseAfterShipWebhook(webhook(envelope({ ...base, postal_code: '10115', country_region: 'DEU' }), undefined, '2026-07'));
    const expected = { city: 'Berlin', region: 'BE', postalCode: '10115', country: 'DEU' };
    expect(old.updates[0]?.events[0]?.location).toEqual(expected);
    expect(current.updates[0]?.events[0]?.location).toEqual(expected);
    expect(current.updates[0]?.events[0]?.occurredAt).toBe('2026-02-01T10:00:00+01:00');
    const textOnly = parseAfterShipWebhook(webhook(envelope({ ...base, city: null, state: null, location: 'BERLIN, DE' })));
    expect(textOnly.updates[0]?.events[0]?.location).toEqual({ text: 'BERLIN, DE' });
  });

  it('prefers the carrier raw_tag as carrierCode and drops checkpoints without a time', () => {
    const body = JSON.stringify({
      tracking_number: 'T2',
      checkpoints: [
        { checkpoint_time: null, tag: 'InTransit', message: 'lost time' },
        { checkpoint_time: '2024-05-01T08:00:00Z', tag: 'Delivered', subtag: 'Delivered_001', raw_tag: 'DL', message: 'Delivered' },
      ],
    });
    expect(normalizeBody(body)[0]?.events).toEqual([
      { status: 'delivered', occurredAt: '2024-05-01T08:00:00Z', description: 'Delivered', carrierCode: 'DL' },
    ]);
  });

  it('acknowledges tracking_pending_time and unknown events with zero updates', () => {
    const pending = Buffer.from(JSON.stringify({ event: 'tracking_pending_time', event_id: 'e2', msg: { tracking_number: 'T3' } }));
    expect(parseAfterShipWebhook(webhook(pending))).toEqual({ deliveryId: 'e2', updates: [] });
    expect(normalizeBody(JSON.stringify({ event: 'something_new' }))).toEqual([]);
  });

  it('throws WebhookPayloadError for bodies it cannot read', () => {
    expect(() => parseAfterShipWebhook(webhook(Buffer.from('<xml/>')))).toThrow(WebhookPayloadError);
    expect(() => normalizeBody(JSON.stringify({ event: 'tracking_update', event_id: 'e3' }))).toThrow(/no msg object/);
    expect(() => normalizeBody(JSON.stringify({ event: 'tracking_update', msg: { tag: 'InTransit' } }))).toThrow(/msg: tracking_number/);
    expect(() => normalizeBody('{"unrelated":true}')).toThrow(WebhookPayloadError);
  });

  it('reads API envelopes in the 2025-01, legacy and list shapes', () => {
    const tracking = { tracking_number: 'T4', tag: 'OutForDelivery', checkpoints: [] };
    expect(normalizeBody(JSON.stringify({ meta: { code: 200 }, data: tracking }))).toEqual([{ trackingNumber: 'T4', events: [] }]);
    expect(normalizeBody(JSON.stringify({ meta: { code: 200 }, data: { tracking } }))).toHaveLength(1);
    expect(normalizeBody(JSON.stringify({ meta: { code: 200 }, data: { trackings: [tracking, { ...tracking, tracking_number: 'T5' }] } })).map((u) => u.trackingNumber)).toEqual(['T4', 'T5']);
  });
});

describe('AfterShip ETA precedence', () => {
  const eta = (tracking: Record<string, unknown>) => mapTrackingEta(afterShipTrackingSchema.parse({ tracking_number: 'T', ...tracking }));

  it('prefers latest, then courier, then AfterShip, then first, then expected_delivery', () => {
    const all = {
      latest_estimated_delivery: { type: 'specific', source: 'Courier EDD', datetime: '2026-03-04T12:00:00+01:00' },
      courier_estimated_delivery_date: { estimated_delivery_date: '2026-03-05' },
      aftership_estimated_delivery_date: { estimated_delivery_date: '2026-03-06' },
      first_estimated_delivery: { datetime: '2026-03-01' },
      expected_delivery: '2026-03-07',
    };
    expect(eta(all)).toEqual({ date: '2026-03-04T12:00:00+01:00' });
    expect(eta({ ...all, latest_estimated_delivery: null })).toEqual({ date: '2026-03-05' });
    expect(eta({ aftership_estimated_delivery_date: all.aftership_estimated_delivery_date, first_estimated_delivery: all.first_estimated_delivery })).toEqual({ date: '2026-03-06' });
    expect(eta({ first_estimated_delivery: all.first_estimated_delivery, expected_delivery: '2026-03-07' })).toEqual({ date: '2026-03-01' });
    expect(eta({ expected_delivery: '2026-03-07' })).toEqual({ date: '2026-03-07' });
    expect(eta({})).toBeUndefined();
  });

  it('turns ranges into a window dated by their end', () => {
    expect(eta({ latest_estimated_delivery: { type: 'period', datetime_min: '2026-03-04', datetime_max: '2026-03-06' } })).toEqual({
      date: '2026-03-06',
      windowStart: '2026-03-04',
      windowEnd: '2026-03-06',
    });
  });
});

describe('AfterShip status table', () => {
  it.each([
    ['Pending', 'unknown', undefined],
    ['InfoReceived', 'label_created', undefined],
    ['InTransit', 'in_transit', undefined],
    ['OutForDelivery', 'out_for_delivery', undefined],
    ['AttemptFail', 'delivery_attempted', 'attempt_failed'],
    ['Delivered', 'delivered', undefined],
    ['AvailableForPickup', 'available_for_pickup', undefined],
    ['Exception', 'exception', undefined],
    ['Expired', 'unknown', undefined],
  ])('%s → %s', (tag, status, subStatus) => {
    expect(mapAfterShipTag(tag)).toEqual(subStatus ? { status, subStatus } : { status });
  });

  it('covers every documented tag', () => {
    expect(Object.keys(AFTERSHIP_TAGS)).toHaveLength(9);
  });

  it.each(Object.entries(AFTERSHIP_SUBTAGS))('subtag %s refines its own tag', (subtag, expected) => {
    const tag = subtag.split('_')[0];
    expect(mapAfterShipTag(tag, subtag)).toEqual(expected);
  });

  it('keeps the tag for plain subtags, ignores a subtag of another tag, and maps unknowns to unknown', () => {
    expect(mapAfterShipTag('InTransit', 'InTransit_007')).toEqual({ status: 'in_transit' });
    expect(mapAfterShipTag('Exception', 'Exception_011')).toEqual({ status: 'returned_to_sender' });
    expect(mapAfterShipTag('Delivered', 'Exception_013')).toEqual({ status: 'delivered' });
    expect(mapAfterShipTag('AttemptFail', 'AttemptFail_002')).toEqual({ status: 'delivery_attempted', subStatus: 'attempt_failed' });
    expect(mapAfterShipTag('Teleported')).toEqual({ status: 'unknown' });
    expect(mapAfterShipTag(undefined)).toEqual({ status: 'unknown' });
    expect(mapAfterShipTag('constructor')).toEqual({ status: 'unknown' });
  });

  it('keeps the raw text of an unknown tag on the event', () => {
    const body = JSON.stringify({ tracking_number: 'T6', checkpoints: [{ checkpoint_time: '2024-01-01T00:00:00', tag: 'Teleported' }] });
    expect(normalizeBody(body)[0]?.events).toEqual([
      { status: 'unknown', occurredAt: '2024-01-01T00:00:00', description: 'Teleported', carrierCode: 'Teleported' },
    ]);
  });
});

// ---- client against a real local HTTP server -------------------------------------------------------

describe('AfterShip client (real HTTP)', () => {
  let server: LocalHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const msg = (JSON.parse(fixture('webhook_tracking_update_InTransit.signed-bytes.json').toString('utf8')) as { msg: Record<string, unknown> }).msg;

  it('creates a tracking with the as-api-key header under the versioned base path', async () => {
    server = await startLocalHttpServer(() => jsonReply(201, JSON.stringify({ meta: { code: 201 }, data: msg })));
    const adapter = createAfterShipAdapter({ baseUrl: `${server.url}/tracking/2025-01`, apiKey: 'asat_key' });
    const tracking = await adapter.client.createTracking('0000000000000000', 'usps');
    expect(tracking.tag).toBe('InTransit');
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/tracking/2025-01/trackings');
    expect(req?.headers['as-api-key']).toBe('asat_key');
    expect(req?.headers.authorization).toBeUndefined();
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({ tracking_number: '0000000000000000', slug: 'usps' });
  });

  it('gets a tracking by id (2025-01 data and legacy data.tracking)', async () => {
    let legacy = false;
    server = await startLocalHttpServer(() => jsonReply(200, JSON.stringify({ meta: { code: 200 }, data: legacy ? { tracking: msg } : msg })));
    const client = createAfterShipAdapter({ baseUrl: `${server.url}/tracking/2025-01`, apiKey: 'asat_key' }).client;
    expect((await client.getTracking('abc/def')).tracking_number).toBe('0000000000000000');
    legacy = true;
    expect((await client.getTracking('abc')).tracking_number).toBe('0000000000000000');
    expect(server.requests.map((r) => [r.method, r.url, r.headers['as-api-key']])).toEqual([
      ['GET', '/tracking/2025-01/trackings/abc%2Fdef', 'asat_key'],
      ['GET', '/tracking/2025-01/trackings/abc', 'asat_key'],
    ]);
  });

  it('polls a batch with one list call; numbers AfterShip does not track are notFound', async () => {
    server = await startLocalHttpServer(() => jsonReply(200, JSON.stringify({ meta: { code: 200 }, data: { trackings: [msg], pagination: {} } })));
    const adapter = createAfterShipAdapter({ baseUrl: `${server.url}/tracking/2025-01`, apiKey: 'asat_key' });
    const updates = await adapter.track(['0000000000000000', 'MISSING1']);
    const url = new URL(server.requests[0]?.url ?? '', server.url);
    expect(url.pathname).toBe('/tracking/2025-01/trackings');
    expect(url.searchParams.get('tracking_numbers')).toBe('0000000000000000,MISSING1');
    expect(updates[0]?.events[0]?.status).toBe('in_transit');
    expect(updates[1]).toEqual({ trackingNumber: 'MISSING1', events: [], notFound: true });
    expect(adapter.capabilities.maxBatchSize).toBe(50);
    await expect(adapter.client.listTrackings(Array.from({ length: 51 }, (_, i) => `N${i}`))).rejects.toMatchObject({ code: 'BATCH_TOO_LARGE' });
  });

  it('turns a 429 with X-RateLimit-Reset into a transient error with a retry hint', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 3;
    server = await startLocalHttpServer(() =>
      jsonReply(429, JSON.stringify({ meta: { code: 429, type: 'TooManyRequests' } }), {
        'x-ratelimit-reset': String(reset),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
      }),
    );
    const client = createAfterShipAdapter({ baseUrl: server.url, apiKey: 'asat_key' }).client;
    const error = await client.getTracking('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientCarrierError);
    expect((error as TransientCarrierError).code).toBe('HTTP_429');
    expect((error as TransientCarrierError).retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect((error as TransientCarrierError).retryAfterMs).toBeLessThanOrEqual(4000);
  });

  it('classifies a 401 as permanent', async () => {
    server = await startLocalHttpServer(() => jsonReply(401, JSON.stringify({ meta: { code: 401, type: 'Unauthorized' } })));
    const client = createAfterShipAdapter({ baseUrl: server.url, apiKey: 'bad' }).client;
    await expect(client.getTracking('x')).rejects.toBeInstanceOf(PermanentCarrierError);
  });

  it('wires the pure parts into the adapter', () => {
    const [first] = vectors.vectors;
    const body = fixture(first?.body_file ?? '');
    const adapter = createAfterShipAdapter({ apiKey: 'k', webhookSecret: secret });
    expect(adapter.id).toBe('aftership');
    expect(adapter.verifyWebhook?.(webhook(body, first?.['aftership-hmac-sha256']))).toEqual({ ok: true });
    expect(adapter.parseWebhook?.(webhook(body)).deliveryId).toBe('94dadd60-ed26-46d0-aa52-3ced925a50ff');
    expect(createAfterShipAdapter({ apiKey: 'k' }).verifyWebhook?.(webhook(body, first?.['aftership-hmac-sha256'])).ok).toBe(false);
  });
});
