import { afterEach, describe, expect, it } from 'vitest';
import { PermanentCarrierError, TransientCarrierError } from '../../../src/carriers/carrier-adapter.js';
import { createFedexAdapter, normalizeBody } from '../../../src/carriers/fedex/index.js';
import { FEDEX_STATUS_CODES, mapFedexStatus } from '../../../src/carriers/fedex/status-map.js';
import { SHIPMENT_STATUSES } from '../../../src/domain/shipment-status.js';
import { jsonReply, startLocalHttpServer, type LocalHttpReply, type LocalHttpServer, type RecordedRequest } from '../../support/local-http-server.js';
import { listCarrierFixtures, readCarrierFixtureText } from '../../support/carrier-fixtures.js';

// FedEx's own documents may not be copied: these bodies are written here from the documented fields (SOURCES.md).
const fixture = (name: string) => readCarrierFixtureText(`fedex/${name}`);

const DELIVERED = 'track_v1_delivered_986578788855.json';

describe('FedEx example payloads → normalized updates', () => {
  it('covers every JSON body in test/fixtures/carriers/fedex', () => {
    const files = listCarrierFixtures('fedex').filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual([DELIVERED, 'track_v1_error_trackingnumber_empty.json', 'track_v1_policy_example.json', 'track_v1_proof_of_delivery_document.json']);
  });

  it(`${DELIVERED}: derived codes refined by event type, offsets kept`, () => {
    const [update, ...rest] = normalizeBody(fixture(DELIVERED));
    expect(rest).toEqual([]);
    expect(update?.trackingNumber).toBe('986578788855');
    expect(update?.notFound).toBeUndefined();
    // estimatedDeliveryTimeWindow is `{"window":{}}` and there is no ESTIMATED_DELIVERY: no ETA.
    expect(update?.eta).toBeUndefined();
    expect(update?.events.map((e) => [e.status, e.occurredAt, e.carrierCode])).toEqual([
      ['delivered', '2023-03-09T15:22:10-08:00', 'DL'],
      ['out_for_delivery', '2023-03-09T07:58:00-08:00', 'OD'], // derived IT, event OD
      ['in_transit', '2023-03-09T05:12:00-08:00', 'AR'],
      ['in_transit', '2023-03-08T21:40:31-07:00', 'DP'],
      ['label_created', '2023-03-08T09:03:00-07:00', 'OC'], // derived IN
      ['picked_up', '2023-03-08T00:00:00', 'PU'], // no offset given here: none invented
    ]);
    expect(update?.events[0]).toEqual({
      status: 'delivered',
      occurredAt: '2023-03-09T15:22:10-08:00',
      description: 'Delivered',
      location: { city: 'Portland', region: 'OR', postalCode: '97205', country: 'US' },
      carrierCode: 'DL',
    });
    expect(update?.events[1]?.description).toBe('Out with a FedEx courier for delivery');
  });

  it('track_v1_policy_example.json: policy — coded PU wins over the ACTUAL_DELIVERY date; NOTFOUND → notFound', () => {
    expect(normalizeBody(fixture('track_v1_policy_example.json'))).toEqual([
      {
        trackingNumber: '612999000017', // the number asked for, not trackingNumberInfo's 612999000024
        events: [
          {
            status: 'picked_up',
            subStatus: 'delayed', // delayDetail.status DELAYED
            occurredAt: '2022-01-18T10:45:00-08:00',
            description: 'Picked Up: Held for snow',
            location: { city: 'TACOMA', region: 'WA', postalCode: '98402', country: 'US' },
            carrierCode: 'PU/A12',
          },
        ],
        // No ESTIMATED_DELIVERY in dateAndTimes: the estimated window's end, window kept.
        eta: { date: '2022-01-24T00:00:00-08:00', windowStart: '2022-01-21T09:00:00', windowEnd: '2022-01-24T00:00:00-08:00' },
      },
      { trackingNumber: '612999000031', events: [], notFound: true },
    ]);
  });

  it('error bodies and other Track endpoints yield no updates', () => {
    expect(normalizeBody(fixture('track_v1_error_trackingnumber_empty.json'))).toEqual([]);
    expect(normalizeBody(fixture('track_v1_proof_of_delivery_document.json'))).toEqual([]);
    expect(() => normalizeBody('<html>')).toThrow('not valid JSON');
  });
});

/** A minimal body: one requested number with the given track results. */
function body(trackResults: object[], trackingNumber = '794600000001'): string {
  return JSON.stringify({ output: { completeTrackResults: [{ trackingNumber, trackResults }] } });
}
const scan = (date: string, eventType: string, derivedStatusCode: string, extra: object = {}) => ({
  date, eventType, derivedStatusCode, eventDescription: `${eventType} scan`, ...extra,
});

describe('FedEx multiple results and ETA', () => {
  it('picks the trackResult whose latest event is most recent (offsets compared as instants)', () => {
    const old = { scanEvents: [scan('2023-01-05T10:00:00-05:00', 'DL', 'DL')], dateAndTimes: [{ type: 'ESTIMATED_DELIVERY', dateTime: '2023-01-05T00:00:00' }] };
    const current = { scanEvents: [scan('2024-06-01T09:00:00+02:00', 'PU', 'PU'), scan('2024-05-31T09:00:00+02:00', 'OC', 'IN')] };
    const [update] = normalizeBody(body([old, current]));
    expect(update?.events.map((e) => e.status)).toEqual(['picked_up', 'label_created']);
    expect(update?.eta).toBeUndefined();
  });

  it('ETA: ESTIMATED_DELIVERY, else the window end, else COMMITMENT; ACTUAL_DELIVERY is no estimate', () => {
    const eta = (result: object) => normalizeBody(body([{ scanEvents: [scan('2024-06-01T09:00:00Z', 'IT', 'IT')], ...result }]))[0]?.eta;
    const window = { estimatedDeliveryTimeWindow: { window: { begins: '2024-06-03T09:00:00-04:00', ends: '2024-06-03T17:00:00-04:00' } } };
    expect(eta({ dateAndTimes: [{ type: 'ESTIMATED_DELIVERY', dateTime: '2024-06-03T00:00:00-04:00' }], ...window })).toEqual({
      date: '2024-06-03T00:00:00-04:00', windowStart: '2024-06-03T09:00:00-04:00', windowEnd: '2024-06-03T17:00:00-04:00',
    });
    expect(eta(window)).toEqual({ date: '2024-06-03T17:00:00-04:00', windowStart: '2024-06-03T09:00:00-04:00', windowEnd: '2024-06-03T17:00:00-04:00' });
    expect(eta({ dateAndTimes: [{ type: 'COMMITMENT', dateTime: '2024-06-04T10:30:00-04:00' }] })).toEqual({ date: '2024-06-04T10:30:00-04:00' });
    expect(eta({ dateAndTimes: [{ type: 'ACTUAL_DELIVERY', dateTime: '2024-06-04T10:30:00-04:00' }] })).toBeUndefined();
  });
});

const VALID = new Set<string>(SHIPMENT_STATUSES);

function statusRows(): Array<[string, string, string]> {
  return fixture('status_codes.tsv').split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split('\t') as [string, string, string]);
}

describe('FedEx status table', () => {
  it('every code in status_codes.tsv maps to a valid status without throwing; event codes are all listed', () => {
    for (const [group, code] of statusRows()) {
      for (const input of [{ derivedCode: code }, { eventType: code }, { derivedCode: 'IT', eventType: code }]) {
        expect(VALID.has(mapFedexStatus(input).status)).toBe(true);
      }
      if (group !== 'Possession') expect(Object.hasOwn(FEDEX_STATUS_CODES, code.toUpperCase())).toBe(true);
    }
  });

  it.each([
    ['OC', 'label_created'], ['IN', 'label_created'], ['OX', 'label_created'], ['AP', 'label_created'], ['EP', 'label_created'],
    ['PU', 'picked_up'], ['PX', 'picked_up'], ['IT', 'in_transit'], ['AR', 'in_transit'], ['Ow', 'in_transit'], ['CC', 'in_transit'],
    ['OD', 'out_for_delivery'], ['ED', 'out_for_delivery'], ['AD', 'out_for_delivery'], ['HL', 'available_for_pickup'],
    ['HP', 'available_for_pickup'], ['DL', 'delivered'], ['DE', 'exception'], ['SE', 'exception'], ['CA', 'cancelled'],
    ['RS', 'returned_to_sender'], ['RP', 'unknown'], ['RR', 'unknown'],
  ])('%s → %s', (code, status) => {
    expect(mapFedexStatus({ derivedCode: code }).status).toBe(status);
  });

  it.each([['DY'], ['DD'], ['PD'], ['RL']])('delay %s → exception/delayed', (code) => {
    expect(mapFedexStatus({ derivedCode: code })).toEqual({ status: 'exception', subStatus: 'delayed' });
  });

  it('CD clearance delay → exception/customs_hold', () => {
    expect(mapFedexStatus({ eventType: 'CD' })).toEqual({ status: 'exception', subStatus: 'customs_hold' });
  });

  it('derived code decides; the event code refines only a generic in-transit or unknown derived code', () => {
    expect(mapFedexStatus({ derivedCode: 'IT', eventType: 'OD' }).status).toBe('out_for_delivery');
    expect(mapFedexStatus({ derivedCode: 'DL', eventType: 'OD' }).status).toBe('delivered');
    expect(mapFedexStatus({ derivedCode: 'IT', eventType: 'RP' }).status).toBe('in_transit');
    expect(mapFedexStatus({ derivedCode: 'ZZ', eventType: 'DE' }).status).toBe('exception');
    expect(mapFedexStatus({ eventType: 'PU' }).status).toBe('picked_up');
  });

  it('unknown codes → unknown, keeping the raw description; never throws', () => {
    expect(mapFedexStatus({ derivedCode: 'QQ', eventType: 'ZZ' })).toEqual({ status: 'unknown' });
    expect(mapFedexStatus({})).toEqual({ status: 'unknown' });
    const [update] = normalizeBody(body([{ scanEvents: [{ date: '2024-06-01T09:00:00Z', eventType: 'ZZ', eventDescription: 'Teleported' }, { eventType: 'DL' }] }]));
    expect(update?.events).toEqual([{ status: 'unknown', occurredAt: '2024-06-01T09:00:00Z', description: 'Teleported', carrierCode: 'ZZ' }]);
  });
});

const servers: LocalHttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** The delivered fixture's result, re-labelled for each requested number. */
function answerFor(numbers: string[]): string {
  const template = JSON.parse(fixture(DELIVERED)) as { output: { completeTrackResults: Array<Record<string, unknown>> } };
  const result = template.output.completeTrackResults[0]!;
  return JSON.stringify({ ...template, output: { completeTrackResults: numbers.map((n) => ({ ...result, trackingNumber: n })) } });
}

/** A local FedEx: token endpoint + Track API, with per-test behaviour and a request log. */
async function startFedex(track: (seen: RecordedRequest, count: number) => LocalHttpReply) {
  let tokens = 0;
  let tracks = 0;
  const server = await startLocalHttpServer((seen) => {
    if (seen.path !== '/oauth/token') return track(seen, ++tracks);
    tokens += 1;
    return jsonReply(200, JSON.stringify({ access_token: `tok-${tokens}`, token_type: 'bearer', expires_in: 3599, scope: 'CXS' }));
  });
  servers.push(server);
  return { baseUrl: server.url, log: server.requests };
}

const requested = (seen: RecordedRequest): string[] =>
  (JSON.parse(seen.body) as { trackingInfo: Array<{ trackingNumberInfo: { trackingNumber: string } }> }).trackingInfo.map((t) => t.trackingNumberInfo.trackingNumber);
const ok = (seen: RecordedRequest) => jsonReply(200, answerFor(requested(seen)));

describe('FedEx client against a local server', () => {
  it('token: form with client id/secret; track: POST with detailed scans and bearer token', async () => {
    const fx = await startFedex(ok);
    const adapter = createFedexAdapter({ baseUrl: fx.baseUrl, clientId: 'cid', clientSecret: 'sec ret&' });
    const [update] = await adapter.track(['986578788855']);
    expect(update?.events).toHaveLength(6);
    const [token, track] = fx.log;
    expect(token?.path).toBe('/oauth/token');
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({ grant_type: 'client_credentials', client_id: 'cid', client_secret: 'sec ret&' });
    expect(track?.path).toBe('/track/v1/trackingnumbers');
    expect(track?.headers.authorization).toBe('Bearer tok-1');
    expect(track?.headers['content-type']).toBe('application/json');
    expect(track?.headers['x-customer-transaction-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(track?.body ?? '')).toEqual({ includeDetailedScans: true, trackingInfo: [{ trackingNumberInfo: { trackingNumber: '986578788855' } }] });
  });

  it('batches 31 numbers into 2 calls (30 + 1), one token, updates in request order', async () => {
    const fx = await startFedex(ok);
    const adapter = createFedexAdapter({ baseUrl: fx.baseUrl, clientId: 'c', clientSecret: 's' });
    const numbers = Array.from({ length: 31 }, (_, i) => `7946000000${String(i).padStart(2, '0')}`);
    const updates = await adapter.track(numbers);
    expect(updates.map((u) => u.trackingNumber)).toEqual(numbers);
    const calls = fx.log.filter((s) => s.path === '/track/v1/trackingnumbers');
    expect(calls.map((c) => requested(c).length)).toEqual([30, 1]);
    expect(fx.log.filter((s) => s.path === '/oauth/token')).toHaveLength(1);
    expect(adapter.capabilities.maxBatchSize).toBe(30);
  });

  it('refreshes the token after expiry', async () => {
    let now = 0;
    const fx = await startFedex(ok);
    const adapter = createFedexAdapter({ baseUrl: fx.baseUrl, clientId: 'c', clientSecret: 's', now: () => now });
    await adapter.track(['1']);
    await adapter.track(['2']);
    now += 3_599_000;
    await adapter.track(['3']);
    expect(fx.log.filter((s) => s.path !== '/oauth/token').map((s) => s.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('401 NOT.AUTHORIZED.ERROR → new token and one retry', async () => {
    const fx = await startFedex((seen) =>
      seen.headers.authorization === 'Bearer tok-1'
        ? { status: 401, body: '{"errors":[{"code":"NOT.AUTHORIZED.ERROR","message":"Access token expired"}]}' }
        : ok(seen));
    const updates = await createFedexAdapter({ baseUrl: fx.baseUrl, clientId: 'c', clientSecret: 's' }).track(['986578788855']);
    expect(updates[0]?.events[0]?.status).toBe('delivered');
    expect(fx.log.map((s) => s.path)).toEqual(['/oauth/token', '/track/v1/trackingnumbers', '/oauth/token', '/track/v1/trackingnumbers']);
  });

  it('429 with Retry-After → transient with retryAfterMs; 404 → permanent', async () => {
    const fx = await startFedex((_seen, n) =>
      n === 1
        ? { status: 429, headers: { 'retry-after': '3' }, body: '{"errors":[{"code":"RATE.LIMIT.EXCEEDED"}]}' }
        : { status: 404, body: '{"errors":[{"code":"NOT.FOUND.ERROR","message":"The resource you requested is no longer available."}]}' });
    const adapter = createFedexAdapter({ baseUrl: fx.baseUrl, clientId: 'c', clientSecret: 's' });
    const limited = await adapter.track(['1']).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(TransientCarrierError);
    expect(limited).toMatchObject({ code: 'HTTP_429', retryAfterMs: 3000 });
    const missing = await adapter.track(['1']).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(PermanentCarrierError);
    expect(missing).toMatchObject({ code: 'HTTP_404', message: expect.stringContaining('NOT.FOUND.ERROR') });
  });

  it('NOTFOUND inside a 200 → notFound; a number FedEx left out → no news', async () => {
    const fx = await startFedex(() => ({ status: 200, body: fixture('track_v1_policy_example.json') }));
    const updates = await createFedexAdapter({ baseUrl: fx.baseUrl, clientId: 'c', clientSecret: 's' }).track(['612999000031', '000']);
    expect(updates).toEqual([{ trackingNumber: '612999000031', events: [], notFound: true }, { trackingNumber: '000', events: [] }]);
  });

  it('describes itself', () => {
    const adapter = createFedexAdapter({ clientId: 'c', clientSecret: 's' });
    expect(adapter).toMatchObject({ id: 'fedex', displayName: 'FedEx', capabilities: { webhooks: false, tracking: true } });
    expect(adapter.trackingUrl('7384')).toBe('https://www.fedex.com/fedextrack/?trknbr=7384');
    expect(adapter.verifyWebhook).toBeUndefined();
    expect(adapter.parseTracking(fixture(DELIVERED))[0]?.trackingNumber).toBe('986578788855');
  });
});
