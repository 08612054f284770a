import { afterEach, describe, expect, it } from 'vitest';
import { PermanentCarrierError, TransientCarrierError, type IncomingWebhook } from '../../../src/carriers/carrier-adapter.js';
import { createUpsAdapter, normalizeBody } from '../../../src/carriers/ups/index.js';
import { mapUpsTrackResponse } from '../../../src/carriers/ups/mapper.js';
import { mapUpsStatus, UPS_ACTIVITY_TYPES } from '../../../src/carriers/ups/status-map.js';
import { upsDateTime } from '../../../src/carriers/ups/time.js';
import { parseUpsWebhook } from '../../../src/carriers/ups/webhook.js';
import { SHIPMENT_STATUSES } from '../../../src/domain/shipment-status.js';
import type { TrackingUpdate } from '../../../src/domain/tracking-event.js';
import { jsonReply, startLocalHttpServer, type LocalHttpReply, type LocalHttpServer, type RecordedRequest } from '../../support/local-http-server.js';
import { listCarrierFixtures, readCarrierFixtureText } from '../../support/carrier-fixtures.js';

// The UPS-API bodies (MIT) are copied, the rest written here from the documented fields (see SOURCES.md).
const fixture = (name: string) => readCarrierFixtureText(`ups/${name}`);

/** The codes of an appendix table (header skipped): one code per line. */
function codes(name: string): string[] {
  return fixture(`appendix/${name}`)
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Every JSON body in test/fixtures/carriers/ups with the updates it must normalize to. */
const EXPECTED: Record<string, TrackingUpdate[]> = {
  'track_v1_delivered_1Z879E930346834440.json': [
    {
      trackingNumber: '1Z879E930346834440',
      events: [
        {
          status: 'delivered',
          occurredAt: '2023-05-11T14:05:00', // no gmt fields: local time, no offset invented
          description: 'DELIVERED',
          location: { city: 'DENVER', region: 'CO', postalCode: '80202', country: 'US' },
          carrierCode: 'D/FS/011',
        },
        {
          status: 'out_for_delivery',
          occurredAt: '2023-05-11T08:15:22',
          description: 'Out For Delivery Today',
          location: { city: 'DENVER', region: 'CO', country: 'US' },
          carrierCode: 'I/OT/021',
        },
        {
          status: 'label_created',
          occurredAt: '2023-05-09T10:12:33',
          description: 'Label created; the package is not with UPS yet',
          location: { country: 'US' },
          carrierCode: 'M/MP/003',
        },
      ],
      // deliveryDate DEL is the actual delivery, not an estimate: no ETA.
    },
  ],
  'track_v1_error_auth_250003.json': [],
  'track_v1_error_invalid_inquiry_TV1002.json': [],
  // Policy: type X with simplifiedTextDescription "Delivered" — the coded type wins over free text.
  'track_v1_schema_example_currentStatus_SR_typeX.json': [
    {
      trackingNumber: '1Z023E2X0214323462', // package.trackingNumber is the spec's placeholder "string"
      events: [
        {
          status: 'exception',
          occurredAt: '2021-02-10T07:13:56',
          description: 'Your package was released by the customs agency.',
          location: { city: 'Wayne', region: 'NJ', postalCode: '07470', country: 'US' },
          carrierCode: 'X/SR/003',
        },
      ],
    },
  ],
  'track_v1_warning_not_found_TW0001.json': [{ trackingNumber: '', events: [], notFound: true }],
  'trackalert_webhook_out_for_delivery.json': [
    {
      trackingNumber: '1Z204W4R0308071865',
      events: [
        {
          status: 'out_for_delivery',
          occurredAt: '2024-04-23T09:15:19-04:00', // offset implied by local 09:15:19 vs GMT 13:15:19
          description: 'Out for Delivery',
          location: { city: 'Charlotte', region: 'NC', postalCode: '30004', country: 'US' },
          carrierCode: 'I/OT/021',
        },
      ],
      eta: { date: '2024-04-23' },
    },
  ],
};

describe('UPS example payloads → normalized updates', () => {
  it('covers every JSON body in test/fixtures/carriers/ups', () => {
    const files = listCarrierFixtures('ups').filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    expect(normalizeBody(fixture(name))).toEqual(expected);
  });

  it('names the not-found answer after the requested number', () => {
    expect(mapUpsTrackResponse(fixture('track_v1_warning_not_found_TW0001.json'), '1Z999')).toEqual([
      { trackingNumber: '1Z999', events: [], notFound: true },
    ]);
  });

  it('throws WebhookPayloadError for non-JSON and unknown shapes', () => {
    expect(() => normalizeBody('<html>')).toThrow('not valid JSON');
    expect(() => normalizeBody('{"hello":1}')).toThrow('neither');
  });
});

const VALID = new Set<string>(SHIPMENT_STATUSES);

describe('UPS status table', () => {
  it.each(codes('activity_type.tsv'))('activity type %s has a base status', (type) => {
    expect(Object.hasOwn(UPS_ACTIVITY_TYPES, type)).toBe(true);
    expect(mapUpsStatus({ type })).toEqual(UPS_ACTIVITY_TYPES[type]);
  });

  it('base statuses per type', () => {
    const base = (type: string) => mapUpsStatus({ type }).status;
    expect(['M', 'MV', 'P', 'I', 'D', 'X', 'RS', 'DO', 'DD', 'W', 'NA', 'U'].map(base)).toEqual([
      'label_created', 'cancelled', 'picked_up', 'in_transit', 'delivered', 'exception',
      'returned_to_sender', 'in_transit', 'in_transit', 'in_transit', 'unknown', 'unknown',
    ]);
  });

  it('every status description code under every type maps to a valid status without throwing', () => {
    const statusCodes = codes('status_description_code.tsv');
    expect(statusCodes.length).toBe(160);
    for (const statusCode of statusCodes) {
      for (const type of Object.keys(UPS_ACTIVITY_TYPES)) {
        const padded = statusCode.padStart(3, '0');
        expect(VALID.has(mapUpsStatus({ type, statusCode: padded }).status)).toBe(true);
      }
    }
  });

  it('every two-letter code of the scan, manifest, update and exception tables maps without throwing', () => {
    const tables = ['movement_scan_code.tsv', 'manifest_code.tsv', 'updates_code.tsv', 'package_exception_code.tsv',
      'delivery_code_dials.tsv', 'freight_exception_code_vcat.tsv', 'freight_forwarding_activity_code.tsv', 'mail_innovations.tsv'];
    for (const table of tables) {
      for (const code of codes(table)) {
        for (const type of ['I', 'D', 'X', 'M', 'P', 'U', '']) expect(VALID.has(mapUpsStatus({ type, code }).status)).toBe(true);
      }
    }
  });

  it.each([
    [{ type: 'I', code: 'OT', statusCode: '021' }, { status: 'out_for_delivery' }],
    [{ type: 'I', code: 'OD', statusCode: '072' }, { status: 'out_for_delivery' }],
    [{ type: 'I', statusCode: '006' }, { status: 'out_for_delivery' }],
    [{ type: 'D', code: 'OF' }, { status: 'out_for_delivery' }], // Track Alert FAQ: D includes out for delivery
    [{ type: 'I', statusCode: '040' }, { status: 'available_for_pickup' }],
    [{ type: 'D', statusCode: '161' }, { status: 'available_for_pickup' }],
    [{ type: 'D', statusCode: '144' }, { status: 'available_for_pickup' }],
    [{ type: 'D', code: 'FS', statusCode: '011' }, { status: 'delivered' }],
    [{ type: 'D', statusCode: '026' }, { status: 'delivered' }],
    [{ type: 'D', statusCode: '143' }, { status: 'delivered' }],
    [{ type: 'P', code: 'PU', statusCode: '038' }, { status: 'picked_up' }],
    [{ type: 'I', code: 'OR', statusCode: '005' }, { status: 'picked_up' }],
    [{ type: 'I', code: 'AR', statusCode: '005' }, { status: 'in_transit' }],
    [{ type: 'X', statusCode: '034' }, { status: 'returned_to_sender' }],
    [{ type: 'X', statusCode: '036' }, { status: 'returned_to_sender' }],
    [{ type: 'X', statusCode: '081' }, { status: 'returned_to_sender', subStatus: 'damaged' }],
    [{ type: 'X', statusCode: '012' }, { status: 'exception', subStatus: 'customs_hold' }],
    [{ type: 'X', statusCode: '126' }, { status: 'exception', subStatus: 'customs_hold' }],
    [{ type: 'X', statusCode: '134' }, { status: 'in_transit' }],
    [{ type: 'X', statusCode: '022' }, { status: 'delivery_attempted', subStatus: 'attempt_failed' }],
    [{ type: 'X', statusCode: '145' }, { status: 'delivery_attempted', subStatus: 'attempt_failed' }],
    [{ type: 'X', statusCode: '048' }, { status: 'exception', subStatus: 'delayed' }],
    [{ type: 'X', statusCode: '059' }, { status: 'exception', subStatus: 'damaged' }],
    [{ type: 'X', statusCode: '064' }, { status: 'exception', subStatus: 'refused' }],
    [{ type: 'X', statusCode: '068' }, { status: 'exception', subStatus: 'lost' }],
    [{ type: 'X', statusCode: '050' }, { status: 'exception', subStatus: 'address_issue' }],
    [{ type: 'X', statusCode: '013' }, { status: 'exception' }],
    [{ type: 'X', statusCode: '007' }, { status: 'cancelled' }],
    [{ type: 'M', code: 'MP', statusCode: '003' }, { status: 'label_created' }],
    [{ type: 'MV', code: 'VP', statusCode: '007' }, { status: 'cancelled' }],
    [{ type: 'DD' }, { status: 'in_transit' }],
  ])('%o → %o', (input, expected) => {
    expect(mapUpsStatus(input)).toEqual(expected);
  });

  it('unknown or missing types → unknown, the raw text kept as description; never throws', () => {
    expect(mapUpsStatus({ type: 'ZZ', statusCode: '011' })).toEqual({ status: 'unknown' });
    expect(mapUpsStatus({})).toEqual({ status: 'unknown' });
    const body = JSON.stringify({
      trackResponse: { shipment: [{ inquiryNumber: '1Z1', package: [{ activity: [{ date: '20240301', time: '101500', status: { type: 'Q', description: 'Teleported ' } }] }] }] },
    });
    expect(normalizeBody(body)[0]?.events).toEqual([{ status: 'unknown', occurredAt: '2024-03-01T10:15:00', description: 'Teleported', carrierCode: 'Q' }]);
  });
});

describe('UPS times and ETA', () => {
  it.each([
    [{ date: '20210210', time: '071356', gmtOffset: '-05:00' }, '2021-02-10T07:13:56-05:00'],
    [{ date: '20240423', time: '091519', gmtOffset: '-04.00' }, '2024-04-23T09:15:19-04:00'],
    [{ date: '20210210', time: '024700', gmtDate: '20210210', gmtTime: '74700' }, '2021-02-10T02:47:00-05:00'],
    [{ date: '20240101', time: '011749', gmtDate: '20231231', gmtTime: '11:47:49' }, '2024-01-01T01:17:49+13:30'],
    [{ date: '20240301', time: '101500', gmtDate: '20240301', gmtTime: '101500' }, '2024-03-01T10:15:00+00:00'],
    [{ date: '20240301', time: '101500', gmtDate: '20240301', gmtTime: '100733' }, '2024-03-01T10:15:00'], // not a zone offset
    [{ date: '20240301' }, '2024-03-01'],
    [{ gmtDate: '20240301', gmtTime: '131519' }, '2024-03-01T13:15:19Z'],
    [{ date: 'string', time: 'string' }, undefined],
  ])('%o → %s', (readings, expected) => {
    expect(upsDateTime(readings)).toBe(expected);
  });

  function withDates(deliveryDate: object[], deliveryTime?: object): TrackingUpdate | undefined {
    const pkg = { trackingNumber: '1Z1', deliveryDate, deliveryTime, activity: [] };
    return mapUpsTrackResponse(JSON.stringify({ trackResponse: { shipment: [{ inquiryNumber: '1Z1', package: [pkg] }] } }))[0];
  }

  it('ETA: RDD over SDD, with an estimated window or a commit time; DEL is not an ETA', () => {
    expect(withDates([{ type: 'SDD', date: '20240304' }])?.eta).toEqual({ date: '2024-03-04' });
    const window = { type: 'EDW', startTime: '090000', endTime: '130000' };
    expect(withDates([{ type: 'SDD', date: '20240304' }, { type: 'RDD', date: '20240305' }], window)?.eta).toEqual({
      date: '2024-03-05', windowStart: '2024-03-05T09:00:00', windowEnd: '2024-03-05T13:00:00',
    });
    expect(withDates([{ type: 'SDD', date: '20240304' }], { type: 'CMT', endTime: '103000' })?.eta).toEqual({
      date: '2024-03-04', windowEnd: '2024-03-04T10:30:00',
    });
    expect(withDates([{ type: 'SDD', date: '20240304' }], { type: 'EOD' })?.eta).toEqual({ date: '2024-03-04' });
    expect(withDates([{ type: 'DEL', date: '20240304' }])?.eta).toBeUndefined();
  });
});

function webhook(body: string, headers: Record<string, string | undefined> = {}): IncomingWebhook {
  return { rawBody: Buffer.from(body), headers, receivedAtMs: Date.now() };
}

describe('UPS Track Alert webhook', () => {
  const adapter = createUpsAdapter({ clientId: 'id', clientSecret: 'secret', webhookCredential: 'opaque-credential-123' });
  const body = fixture('trackalert_webhook_out_for_delivery.json');

  it('accepts the configured credential header, in constant time, case-insensitively by name', () => {
    expect(adapter.verifyWebhook?.(webhook(body, { credential: 'opaque-credential-123' }))).toEqual({ ok: true });
    expect(adapter.verifyWebhook?.(webhook(body, { Credential: 'opaque-credential-123' }))).toEqual({ ok: true });
  });

  it('refuses a wrong, shorter, longer or missing credential, and everything when none is configured', () => {
    for (const credential of ['opaque-credential-124', 'opaque', 'opaque-credential-1234', '']) {
      expect(adapter.verifyWebhook?.(webhook(body, { credential }))).toMatchObject({ ok: false });
    }
    expect(adapter.verifyWebhook?.(webhook(body, { 'user-agent': 'UPSPubSubTrackingService' }))).toEqual({ ok: false, reason: 'missing credential header' });
    const open = createUpsAdapter({ clientId: 'id', clientSecret: 'secret' });
    expect(open.verifyWebhook?.(webhook(body, { credential: 'anything' }))).toMatchObject({ ok: false });
  });

  it('parses the out-for-delivery message into one update, no delivery id', () => {
    expect(adapter.parseWebhook?.(webhook(body))).toEqual({ updates: EXPECTED['trackalert_webhook_out_for_delivery.json'] });
  });

  it('parses the spec\'s delivery message (numeric descriptionCode, offset from GMT readings)', () => {
    const delivered = { ...JSON.parse(body), localActivityTime: '095004', activityLocation: { city: 'CHARLOTTE', stateProvince: 'NC', postalCode: '28209', country: 'US' },
      activityStatus: { type: 'D', code: 'FS', description: 'Delivered', descriptionCode: 11 }, scheduledDeliveryDate: '20191014',
      gmtActivityTime: '135004', actualDeliveryDate: '20240423', actualDeliveryTime: '095004', receivedBy: 'John' };
    const [update] = parseUpsWebhook(JSON.stringify(delivered)).updates;
    expect(update?.events).toEqual([{ status: 'delivered', occurredAt: '2024-04-23T09:50:04-04:00', description: 'Delivered',
      location: { city: 'CHARLOTTE', region: 'NC', postalCode: '28209', country: 'US' }, carrierCode: 'D/FS/11' }]);
  });

  it('type U (updated date/time) moves only the ETA, with the delivery window', () => {
    const update = { trackingNumber: '1Z204W4R0308071865', localActivityDate: '20240423', localActivityTime: '080000',
      activityStatus: { type: 'U', code: 'UP', description: 'Updated Delivery Date' }, scheduledDeliveryDate: '20240424',
      deliveryStartTime: '150000', deliveryEndTime: '170000', deliveryTimeDescription: 'estimated delivery window' };
    expect(parseUpsWebhook(JSON.stringify(update))).toEqual({
      updates: [{ trackingNumber: '1Z204W4R0308071865', events: [], eta: { date: '2024-04-24', windowStart: '2024-04-24T15:00:00', windowEnd: '2024-04-24T17:00:00' } }],
    });
  });

  it('rejects bodies without a tracking number or status', () => {
    expect(() => parseUpsWebhook('{"activityStatus":{}}')).toThrow('trackingNumber');
    expect(() => parseUpsWebhook('not json')).toThrow('not valid JSON');
  });
});

/** A local UPS: token endpoint + Track API, with per-test behaviour and a log of requests. */
async function startUps(track: (seen: RecordedRequest, count: number) => LocalHttpReply, tokenTtl = '14399') {
  let tokens = 0;
  let tracks = 0;
  const server = await startLocalHttpServer((seen) => {
    if (seen.path !== '/security/v1/oauth/token') return track(seen, ++tracks);
    tokens += 1;
    return jsonReply(200, JSON.stringify({
      token_type: 'Bearer', issued_at: '1700000000000', client_id: 'cid', access_token: `tok-${tokens}`, scope: '', expires_in: tokenTtl, refresh_count: '0', status: 'approved',
    }));
  });
  servers.push(server);
  return { baseUrl: server.url, log: server.requests };
}
const servers: LocalHttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('UPS client against a local server', () => {
  const delivered = () => fixture('track_v1_delivered_1Z879E930346834440.json');

  it('gets a token (Basic auth, form grant, merchant id) and tracks with the documented request shape', async () => {
    const ups = await startUps(() => jsonReply(200, delivered()));
    const adapter = createUpsAdapter({ baseUrl: ups.baseUrl, clientId: 'cid', clientSecret: 's3cret', merchantId: '123456', transactionSrc: 'shop' });
    const [update] = await adapter.track(['1Z879E930346834440']);
    expect(update).toEqual(EXPECTED['track_v1_delivered_1Z879E930346834440.json']![0]);
    const [token, track] = ups.log;
    expect(token).toMatchObject({ method: 'POST', path: '/security/v1/oauth/token', body: 'grant_type=client_credentials' });
    expect(token?.headers.authorization).toBe(`Basic ${Buffer.from('cid:s3cret').toString('base64')}`);
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(token?.headers['x-merchant-id']).toBe('123456');
    expect(track).toMatchObject({ method: 'GET', path: '/api/track/v1/details/1Z879E930346834440' });
    expect(track?.query.get('locale')).toBe('en_US');
    expect(track?.headers.authorization).toBe('Bearer tok-1');
    expect(track?.headers.transid).toMatch(/^[0-9a-f]{32}$/);
    expect(track?.headers.transactionsrc).toBe('shop');
  });

  it('caches the token across calls, uses a fresh transId each time, refreshes after expiry', async () => {
    let now = 1_000_000;
    const ups = await startUps(() => jsonReply(200, delivered()), '3600');
    const adapter = createUpsAdapter({ baseUrl: ups.baseUrl, clientId: 'cid', clientSecret: 's', now: () => now });
    await adapter.track(['1Z879E930346834440', '1Z879E930346834440']);
    now += 3_600_000;
    await adapter.track(['1Z879E930346834440']);
    expect(ups.log.map((s) => s.path === '/security/v1/oauth/token')).toEqual([true, false, false, true, false]);
    const tracks = ups.log.filter((s) => s.path.startsWith('/api/'));
    expect(tracks.map((s) => s.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
    expect(new Set(tracks.map((s) => s.headers.transid)).size).toBe(3);
  });

  it('401 → drops the token, fetches a new one and retries once', async () => {
    const ups = await startUps((seen) =>
      seen.headers.authorization === 'Bearer tok-1'
        ? jsonReply(401, '{"response":{"errors":[{"code":"250002","message":"Invalid Authentication Information"}]}}')
        : jsonReply(200, delivered()));
    const adapter = createUpsAdapter({ baseUrl: ups.baseUrl, clientId: 'cid', clientSecret: 's' });
    const [update] = await adapter.track(['1Z879E930346834440']);
    expect(update?.events[0]?.status).toBe('delivered');
    expect(ups.log.map((s) => s.path)).toEqual(['/security/v1/oauth/token', '/api/track/v1/details/1Z879E930346834440', '/security/v1/oauth/token', '/api/track/v1/details/1Z879E930346834440']);
  });

  it('a second 401 is a PermanentCarrierError HTTP_401 (no loop)', async () => {
    const ups = await startUps(() => jsonReply(401, '{"response":{"errors":[{"code":"250002","message":"x"}]}}'));
    const adapter = createUpsAdapter({ baseUrl: ups.baseUrl, clientId: 'cid', clientSecret: 's' });
    await expect(adapter.track(['1Z1'])).rejects.toMatchObject({ name: 'PermanentCarrierError', code: 'HTTP_401' });
    expect(ups.log.length).toBe(4);
  });

  it('429 with Retry-After → TransientCarrierError with retryAfterMs', async () => {
    const ups = await startUps(() => jsonReply(429, '{"response":{"errors":[{"code":"429","message":"Quota Limit Exceeded"}]}}', { 'retry-after': '12' }));
    const error = await createUpsAdapter({ baseUrl: ups.baseUrl, clientId: 'c', clientSecret: 's' }).track(['1Z1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientCarrierError);
    expect(error).toMatchObject({ code: 'HTTP_429', retryAfterMs: 12_000 });
  });

  it('400 TV1002 → PermanentCarrierError naming the UPS code; 404 → PermanentCarrierError', async () => {
    const ups = await startUps((_seen, n) => (n === 1 ? jsonReply(400, fixture('track_v1_error_invalid_inquiry_TV1002.json')) : jsonReply(404, '{}')));
    const adapter = createUpsAdapter({ baseUrl: ups.baseUrl, clientId: 'c', clientSecret: 's' });
    const error = await adapter.track(['BAD']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentCarrierError);
    expect(error).toMatchObject({ code: 'HTTP_400', message: expect.stringContaining('TV1002') });
    await expect(adapter.track(['1Z1'])).rejects.toMatchObject({ code: 'HTTP_404' });
  });

  it('TW0001 in a 200 → notFound under the requested number; a garbled 200 → transient', async () => {
    const ups = await startUps((_seen, n) => (n === 1 ? jsonReply(200, fixture('track_v1_warning_not_found_TW0001.json')) : { status: 200, body: '<html>' }));
    const adapter = createUpsAdapter({ baseUrl: ups.baseUrl, clientId: 'c', clientSecret: 's' });
    expect(await adapter.track(['1Z999AA10123456784'])).toEqual([{ trackingNumber: '1Z999AA10123456784', events: [], notFound: true }]);
    await expect(adapter.track(['1Z1'])).rejects.toMatchObject({ name: 'TransientCarrierError', code: 'INVALID_RESPONSE' });
  });

  it('describes itself: capabilities and public tracking page', () => {
    const adapter = createUpsAdapter({ clientId: 'c', clientSecret: 's' });
    expect(adapter).toMatchObject({ id: 'ups', displayName: 'UPS', capabilities: { webhooks: true, tracking: true, maxBatchSize: 1 } });
    expect(adapter.trackingUrl('1Z 1')).toBe('https://www.ups.com/track?tracknum=1Z%201');
    expect(adapter.parseTracking(fixture('track_v1_delivered_1Z879E930346834440.json'))).toEqual(EXPECTED['track_v1_delivered_1Z879E930346834440.json']);
  });
});
