import { afterEach, describe, expect, it } from 'vitest';
import { PermanentCarrierError, TransientCarrierError } from '../../../src/carriers/carrier-adapter.js';
import { createUspsAdapter, normalizeBody } from '../../../src/carriers/usps/index.js';
import { mapUspsTrackingBody } from '../../../src/carriers/usps/normalize.js';
import { mapUspsStatus, USPS_EVENT_CODES, USPS_STATUS_CATEGORIES } from '../../../src/carriers/usps/status-map.js';
import { uspsEventTime } from '../../../src/carriers/usps/time.js';
import type { TrackingUpdate } from '../../../src/domain/tracking-event.js';
import { jsonReply, startLocalHttpServer, type LocalHttpReply, type LocalHttpServer, type RecordedRequest } from '../../support/local-http-server.js';
import { listCarrierFixtures, readCarrierFixtureText } from '../../support/carrier-fixtures.js';

// USPS's examples may not be copied (no licence): these bodies are written here from the documented fields.
/** USPS's README examples mask the tracking number as twenty X's (so do ours); the mapper must keep it as given. */
const MASKED_NUMBER = 'X'.repeat(20);

const fixture = (name: string) => readCarrierFixtureText(`usps/v3/${name}`);

/** Every JSON body in test/fixtures/carriers/usps/v3 with what it normalizes to (`Error` = must throw). */
const EXPECTED: Record<string, TrackingUpdate[] | Error> = {
  // Policy: `eventTimestamp` is local time; USPS's README example labels a 7:31 am Richmond scan as `Z` (as
  // does ours), so without GMTOffset/GMTTimestamp the Z is dropped rather than shifting the scan by hours.
  'tracking_detail_accepted.json': [
    {
      trackingNumber: MASKED_NUMBER,
      events: [
        {
          status: 'picked_up', // eventCode 03, statusCategory "Accepted"
          occurredAt: '2024-06-11T09:14:00',
          description: 'USPS in possession of item',
          location: { city: 'COLUMBUS', region: 'OH', postalCode: '43215' },
          carrierCode: '03',
        },
      ],
    },
  ],
  // The summary sentence is free text: it dates an event but never sets its status.
  'tracking_summary.json': [
    {
      trackingNumber: MASKED_NUMBER,
      events: [
        {
          status: 'unknown',
          occurredAt: '2024-06-11T09:14:00',
          description: 'USPS is now in possession of your item as of 9:14 am on June 11, 2024 in COLUMBUS, OH 43215.',
          location: { city: 'COLUMBUS', region: 'OH', postalCode: '43215' },
        },
      ],
    },
  ],
  'error_response.json': [],
  'oauth_error_invalid_client.json': [],
  'oauth_token_response.json': new Error('not a USPS tracking response'),
};

describe('USPS v3 example payloads → normalized updates', () => {
  it('covers every JSON body in test/fixtures/carriers/usps/v3', () => {
    expect(listCarrierFixtures('usps/v3').filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    if (expected instanceof Error) expect(() => normalizeBody(fixture(name))).toThrow(expected.message);
    else expect(normalizeBody(fixture(name))).toEqual(expected);
  });

  it('names updates after the requested number when given', () => {
    const [update] = mapUspsTrackingBody(fixture('tracking_detail_accepted.json'), '9400100000000000000000');
    expect(update?.trackingNumber).toBe('9400100000000000000000');
  });
});

describe('USPS event times', () => {
  it.each([
    [{ eventTimestamp: '2024-11-22T13:58:00', GMTTimestamp: '2024-11-22T19:58:00Z', GMTOffset: '-06:00' }, '2024-11-22T13:58:00-06:00'],
    [{ eventTimestamp: '2024-04-04T07:03:12', GMTOffset: '-7:00' }, '2024-04-04T07:03:12-07:00'], // the spec's "-7:00"
    [{ eventTimestamp: '2024-04-04T07:03:12Z', GMTOffset: '-7:00' }, '2024-04-04T07:03:12-07:00'],
    [{ eventTimestamp: '2024-04-04T07:03:12', GMTTimestamp: '2024-04-04T14:03:12.041Z' }, '2024-04-04T07:03:12-07:00'],
    [{ eventTimestamp: '2024-04-04T07:03:12-04:00' }, '2024-04-04T07:03:12-04:00'],
    [{ eventTimestamp: '2023-08-02T07:31:00Z' }, '2023-08-02T07:31:00'],
    [{ GMTTimestamp: '2024-04-04T14:03:12.041Z' }, '2024-04-04T14:03:12.041Z'],
    [{ eventTimestamp: 'yesterday' }, undefined],
  ])('%o → %s', (event, expected) => {
    expect(uspsEventTime(event)).toBe(expected);
  });
});

describe('USPS status table', () => {
  it.each([
    ['GX', 'label_created'], ['03', 'picked_up'], ['SF', 'in_transit'], ['10', 'in_transit'], ['T1', 'in_transit'],
    ['TL', 'in_transit'], ['A1', 'in_transit'], ['07', 'in_transit'], ['PC', 'in_transit'], ['NP', 'in_transit'],
    ['OF', 'out_for_delivery'], ['01', 'delivered'],
  ])('eventCode %s → %s (every code of the reference table)', (code, status) => {
    expect(mapUspsStatus({ eventCode: code }).status).toBe(status);
  });

  it('the table holds exactly the reference codes', () => {
    expect(Object.keys(USPS_EVENT_CODES).sort()).toEqual(['01', '03', '07', '10', 'A1', 'GX', 'NP', 'OF', 'PC', 'SF', 'T1', 'TL']);
  });

  it.each(Object.entries(USPS_STATUS_CATEGORIES))('statusCategory %s is a fallback for an unlisted code', (category, mapped) => {
    expect(mapUspsStatus({ eventCode: '99', statusCategory: category })).toEqual(mapped);
  });

  it('categories match case- and spacing-insensitively; a known code beats the category', () => {
    expect(mapUspsStatus({ statusCategory: ' Delivery  Attempt ' })).toEqual({ status: 'delivery_attempted', subStatus: 'attempt_failed' });
    expect(mapUspsStatus({ statusCategory: 'Returned / Forwarded' }).status).toBe('exception');
    expect(mapUspsStatus({ eventCode: 'OF', statusCategory: 'In Transit' }).status).toBe('out_for_delivery');
    expect(mapUspsStatus({ eventCode: '1' }).status).toBe('delivered');
  });

  it('unknown codes → unknown with the raw text; the category only speaks for the newest event', () => {
    const body = JSON.stringify({
      trackingNumber: '9400', statusCategory: 'Delivered',
      trackingEvents: [
        { eventType: 'Delivered, In/At Mailbox', eventTimestamp: '2024-11-22T13:58:00', GMTOffset: '-06:00', eventCode: 'ZZ' },
        { eventType: 'Mystery scan', eventTimestamp: '2024-11-21T08:00:00', GMTOffset: '-06:00', eventCode: 'QQ', eventCity: 'OMAHA', eventCountry: null },
      ],
    });
    expect(normalizeBody(body)[0]?.events).toEqual([
      { status: 'delivered', occurredAt: '2024-11-22T13:58:00-06:00', description: 'Delivered, In/At Mailbox', carrierCode: 'ZZ' },
      { status: 'unknown', occurredAt: '2024-11-21T08:00:00-06:00', description: 'Mystery scan', location: { city: 'OMAHA' }, carrierCode: 'QQ' },
    ]);
  });
});

describe('USPS ETA', () => {
  const eta = (fields: object) => normalizeBody(JSON.stringify({ trackingNumber: '9400', trackingEvents: [], ...fields }))[0]?.eta;

  it('expected timestamp first, then the predicted date with its window, then guaranteed', () => {
    expect(eta({ expectedDeliveryTimeStamp: '2024-06-03T20:00:00Z', predictedDeliveryDate: '2024-06-02' })).toEqual({ date: '2024-06-03T20:00:00Z' });
    expect(eta({ predictedDeliveryDate: '2024-06-02', predictedDeliveryWindowStartTime: '10:00', predictedDeliveryWindowEndTime: '2:00 pm' })).toEqual({
      date: '2024-06-02', windowStart: '2024-06-02T10:00:00', windowEnd: '2024-06-02T14:00:00',
    });
    expect(eta({ guaranteedDeliveryTimeStamp: '2024-06-04T12:00:00-04:00' })).toEqual({ date: '2024-06-04T12:00:00-04:00' });
    expect(eta({ expectedDeliveryDate: '2022-06-22', expectedDeliveryTime: 'string' })).toEqual({ date: '2022-06-22' }); // SUMMARY form
    expect(eta({})).toBeUndefined();
  });
});

const servers: LocalHttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** A local USPS: token endpoint + Tracking v3, per-test behaviour, request log. */
async function startUsps(track: (seen: RecordedRequest, count: number) => LocalHttpReply, expiresIn = '28799') {
  let tokens = 0;
  let tracks = 0;
  const server = await startLocalHttpServer((seen) => {
    if (seen.path !== '/oauth2/v3/token') return track(seen, ++tracks);
    tokens += 1;
    const token = { ...JSON.parse(fixture('oauth_token_response.json')), access_token: `tok-${tokens}`, expires_in: expiresIn };
    return jsonReply(200, JSON.stringify(token));
  });
  servers.push(server);
  return { baseUrl: server.url, log: server.requests };
}
const detail = () => jsonReply(200, fixture('tracking_detail_accepted.json'));
const TRACK_PATH = '/tracking/v3/tracking/9400100000000000000000?expand=DETAIL';

describe('USPS client against a local server', () => {
  it('token: JSON body with client id/secret; track: GET expand=DETAIL with bearer token', async () => {
    const usps = await startUsps(detail);
    const adapter = createUspsAdapter({ baseUrl: usps.baseUrl, clientId: 'cid', clientSecret: 's3cret' });
    const [update] = await adapter.track(['9400100000000000000000']);
    expect(update).toEqual({ ...(EXPECTED['tracking_detail_accepted.json'] as TrackingUpdate[])[0], trackingNumber: '9400100000000000000000' });
    const [token, track] = usps.log;
    expect(token).toMatchObject({ method: 'POST', path: '/oauth2/v3/token' });
    expect(token?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(token?.body ?? '')).toEqual({ client_id: 'cid', client_secret: 's3cret', grant_type: 'client_credentials' });
    expect(track).toMatchObject({ method: 'GET', url: TRACK_PATH });
    expect(track?.headers.authorization).toBe('Bearer tok-1');
  });

  it('caches the token (string expires_in) and refreshes it after expiry', async () => {
    let now = 0;
    const usps = await startUsps(detail, '3600');
    const adapter = createUspsAdapter({ baseUrl: usps.baseUrl, clientId: 'c', clientSecret: 's', now: () => now });
    await adapter.track(['9400100000000000000000', '9400100000000000000000']);
    now += 3_600_000;
    await adapter.track(['9400100000000000000000']);
    expect(usps.log.map((s) => s.headers.authorization ?? 'token')).toEqual(['token', 'Bearer tok-1', 'Bearer tok-1', 'token', 'Bearer tok-2']);
  });

  it('401 → invalidates the token and retries once', async () => {
    const usps = await startUsps((seen) => (seen.headers.authorization === 'Bearer tok-1' ? { status: 401 } : detail()));
    const [update] = await createUspsAdapter({ baseUrl: usps.baseUrl, clientId: 'c', clientSecret: 's' }).track(['9400100000000000000000']);
    expect(update?.events[0]?.status).toBe('picked_up');
    expect(usps.log.map((s) => s.url)).toEqual(['/oauth2/v3/token', TRACK_PATH, '/oauth2/v3/token', TRACK_PATH]);
  });

  it('429 and 503 with Retry-After → transient with retryAfterMs', async () => {
    const usps = await startUsps((_seen, n) => ({ status: n === 1 ? 429 : 503, headers: { 'retry-after': '30' }, body: fixture('error_response.json') }));
    const adapter = createUspsAdapter({ baseUrl: usps.baseUrl, clientId: 'c', clientSecret: 's' });
    for (const code of ['HTTP_429', 'HTTP_503']) {
      const error = await adapter.track(['9400']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransientCarrierError);
      expect(error).toMatchObject({ code, retryAfterMs: 30_000 });
    }
  });

  it('404 → notFound (USPS\'s answer for an unknown number); 400 → PermanentCarrierError', async () => {
    const usps = await startUsps((_seen, n) => ({ status: n === 1 ? 404 : 400, body: fixture('error_response.json') }));
    const adapter = createUspsAdapter({ baseUrl: usps.baseUrl, clientId: 'c', clientSecret: 's' });
    expect(await adapter.track(['9400'])).toEqual([{ trackingNumber: '9400', events: [], notFound: true }]);
    const error = await adapter.track(['bad']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentCarrierError);
    expect(error).toMatchObject({ code: 'HTTP_400' });
  });

  it('bad client credentials at the token endpoint → PermanentCarrierError naming invalid_client only', async () => {
    const server = await startLocalHttpServer(() => jsonReply(401, fixture('oauth_error_invalid_client.json')));
    servers.push(server);
    const adapter = createUspsAdapter({ baseUrl: server.url, clientId: 'c', clientSecret: 'topsecret' });
    const error = (await adapter.track(['9400']).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ name: 'PermanentCarrierError', code: 'HTTP_401', message: 'usps POST /oauth2/v3/token failed: HTTP 401 (invalid_client)' });
  });

  it('describes itself', () => {
    const adapter = createUspsAdapter({ clientId: 'c', clientSecret: 's' });
    expect(adapter).toMatchObject({ id: 'usps', displayName: 'USPS', capabilities: { webhooks: false, tracking: true, maxBatchSize: 1 } });
    expect(adapter.trackingUrl('9400 1')).toBe('https://tools.usps.com/go/TrackConfirmAction?tLabels=9400%201');
  });
});
