import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentCarrierError, TransientCarrierError } from '../../../src/carriers/carrier-adapter.js';
import { createCanadaPostAdapter } from '../../../src/carriers/canadapost/index.js';
import { mapCanadaPostTrackingBody } from '../../../src/carriers/canadapost/mapper.js';
import { normalizeBody } from '../../../src/carriers/canadapost/normalize.js';
import { CANADA_POST_EVENT_CODES, mapCanadaPostEvent } from '../../../src/carriers/canadapost/status-map.js';
import { canadaPostTimestamp } from '../../../src/carriers/canadapost/time.js';
import type { TrackingUpdate } from '../../../src/domain/tracking-event.js';
import { startLocalHttpServer, type LocalHttpServer, type RecordedRequest } from '../../support/local-http-server.js';
import { listCarrierFixtures, readCarrierFixtureText } from '../../support/carrier-fixtures.js';

// Canada Post's sample may not be copied: these bodies are written here from the documented fields (SOURCES.md).
const fixture = (name: string) => readCarrierFixtureText(`canadapost/${name}`);

const ON = (city: string) => ({ city, region: 'ON' });

/** Every file in test/fixtures/carriers/canadapost with its normalized result (EDT scans carry -04:00). */
const EXPECTED: Record<string, TrackingUpdate[]> = {
  'tracking_detail_0073938000549297.xml': [
    {
      trackingNumber: '0073938000549297',
      events: [
        { status: 'delivered', occurredAt: '2023-10-20T14:32:05-04:00', description: 'Item delivered', location: ON('OTTAWA'), carrierCode: '1496' },
        { status: 'delivered', occurredAt: '2023-10-20T14:32:05-04:00', description: 'Signature recorded', location: ON('OTTAWA'), carrierCode: '20' },
        { status: 'out_for_delivery', occurredAt: '2023-10-20T07:48:12-04:00', description: 'Out for delivery', location: ON('OTTAWA'), carrierCode: '0174' },
        {
          status: 'exception',
          subStatus: 'address_issue',
          occurredAt: '2023-10-19T16:02:40-04:00',
          description: 'Addressing error found; correcting. Possible delay',
          location: ON('OTTAWA'),
          carrierCode: '0173',
        },
        { status: 'in_transit', occurredAt: '2023-10-19T03:11:09-04:00', description: 'Processed at postal facility', location: ON('MISSISSAUGA'), carrierCode: '0100' },
      ],
      eta: { date: '2023-10-20' },
    },
  ],
  'messages_no_pin_history.xml': [{ trackingNumber: '', events: [], notFound: true }],
};

describe('Canada Post fixtures → normalized updates', () => {
  it('covers every example payload in test/fixtures/carriers/canadapost', () => {
    expect(listCarrierFixtures('canadapost').sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    expect(normalizeBody(fixture(name))).toEqual(expected);
  });

  it('keeps signatory names (PII) out of the normalized events', () => {
    const text = JSON.stringify(normalizeBody(fixture('tracking_detail_0073938000549297.xml')));
    expect(text).not.toMatch(/MARTIN/);
  });

  it('names a not-found answer after the requested PIN', () => {
    expect(mapCanadaPostTrackingBody(fixture('messages_no_pin_history.xml'), '1234567890123456')).toEqual([
      { trackingNumber: '1234567890123456', events: [], notFound: true },
    ]);
  });
});

/** A tracking-detail document with the given `<occurrence>` bodies. */
function detail(occurrences: string[], extra = ''): string {
  const items = occurrences.map((o) => `<occurrence>${o}</occurrence>`).join('');
  return `<tracking-detail xmlns="http://www.canadapost.ca/ws/track-v2"><pin>1</pin>${extra}<significant-events>${items}</significant-events></tracking-detail>`;
}

describe('Canada Post status table and timestamps', () => {
  it.each(Object.entries(CANADA_POST_EVENT_CODES))('event %s → %o', (code, expected) => {
    expect(mapCanadaPostEvent(code)).toEqual(expected);
  });

  it('unknown identifiers → unknown, keeping the text; never throws', () => {
    expect(mapCanadaPostEvent('9999')).toEqual({ status: 'unknown' });
    expect(mapCanadaPostEvent(undefined)).toEqual({ status: 'unknown' });
    expect(mapCanadaPostEvent('toString')).toEqual({ status: 'unknown' });
    const [update] = normalizeBody(detail(['<event-identifier>0500</event-identifier><event-date>2024-03-01</event-date><event-time>10:00:00</event-time><event-time-zone>PST</event-time-zone><event-description>Item in transit to a new facility</event-description>']));
    expect(update?.events).toEqual([{ status: 'unknown', occurredAt: '2024-03-01T10:00:00-08:00', description: 'Item in transit to a new facility', carrierCode: '0500' }]);
  });

  it.each([
    ['EST', '2024-01-15T09:30:00-05:00'],
    ['EDT', '2024-01-15T09:30:00-04:00'],
    ['NST', '2024-01-15T09:30:00-03:30'],
    ['pdt', '2024-01-15T09:30:00-07:00'],
    ['-06:00', '2024-01-15T09:30:00-06:00'],
    ['XYZ', '2024-01-15T09:30:00'],
    ['', '2024-01-15T09:30:00'],
  ])('time zone %s → %s', (zone, expected) => {
    expect(canadaPostTimestamp('2024-01-15', '09:30:00', zone)).toBe(expected);
  });

  it('handles missing time and bad dates', () => {
    expect(canadaPostTimestamp('2024-01-15', '', 'EST')).toBe('2024-01-15');
    expect(canadaPostTimestamp('15/01/2024', '09:30', 'EST')).toBeUndefined();
    expect(canadaPostTimestamp('2024-01-15', '09:30', 'AST')).toBe('2024-01-15T09:30:00-04:00');
  });

  it('reads a single occurrence, an empty history, and a changed expected date', () => {
    const one = normalizeBody(detail(['<event-identifier>1496</event-identifier><event-date>2024-03-01</event-date>'], '<expected-delivery-date>2024-03-02</expected-delivery-date><changed-expected-date>2024-03-04</changed-expected-date>'));
    expect(one).toEqual([{ trackingNumber: '1', events: [{ status: 'delivered', occurredAt: '2024-03-01', description: '1496', carrierCode: '1496' }], eta: { date: '2024-03-04' } }]);
    expect(normalizeBody('<tracking-detail><pin>2</pin><significant-events/></tracking-detail>')).toEqual([{ trackingNumber: '2', events: [] }]);
  });

  it('other message codes and unknown roots are permanent errors', () => {
    const messages = '<messages xmlns="http://www.canadapost.ca/ws/messages"><message><code>E002</code><description>AA004: You cannot mail on behalf of the requested customer.</description></message></messages>';
    expect(() => normalizeBody(messages)).toThrow(expect.objectContaining({ code: 'CANADAPOST_E002' }));
    expect(() => normalizeBody('<other/>')).toThrow(PermanentCarrierError);
    expect(() => normalizeBody('<html><body>oops')).toThrow(expect.objectContaining({ code: 'CANADAPOST_XML_MALFORMED' }));
  });
});

const XXE = `<?xml version="1.0"?>
<!DOCTYPE tracking-detail [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<tracking-detail xmlns="http://www.canadapost.ca/ws/track"><pin>&xxe;</pin></tracking-detail>`;

describe('Canada Post client against a local HTTP server', () => {
  let server: LocalHttpServer;
  let seen: RecordedRequest[];
  let baseUrl: string;

  beforeAll(async () => {
    server = await startLocalHttpServer((req) => {
      const pin = /^\/vis\/track\/pin\/([^/]+)\/detail$/.exec(req.url)?.[1] ?? '';
      const answers: Record<string, [number, string, Record<string, string>]> = {
        '0073938000549297': [200, fixture('tracking_detail_0073938000549297.xml'), {}],
        '0000000000000000': [404, fixture('messages_no_pin_history.xml'), {}],
        XXE: [200, XXE, {}],
        RATE: [429, '', { 'retry-after': '3' }],
        AUTH: [401, '<messages><message><code>E002</code><description>Unauthorized</description></message></messages>', {}],
        HTML404: [404, '<html><body>Not Found</body></html>', { 'content-type': 'text/html' }],
      };
      const [status, body, headers] = answers[pin] ?? [500, 'boom', {}];
      return { status, body, headers: { 'content-type': 'application/vnd.cpc.track+xml', ...headers } };
    });
    baseUrl = server.url;
    seen = server.requests;
  });

  afterAll(async () => {
    await server.close();
  });

  const adapter = () => createCanadaPostAdapter({ baseUrl, username: 'api-user', password: 's3cret:pw' });

  it('sends GET /vis/track/pin/{pin}/detail with Basic auth and the track media type, and maps the body', async () => {
    seen.length = 0;
    const updates = await adapter().track(['0073938000549297']);
    expect(updates).toEqual(EXPECTED['tracking_detail_0073938000549297.xml']);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.url).toBe('/vis/track/pin/0073938000549297/detail');
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from('api-user:s3cret:pw').toString('base64')}`);
    expect(seen[0]?.headers.accept).toBe('application/vnd.cpc.track+xml');
    expect(seen[0]?.headers['accept-language']).toBe('en-CA');
  });

  it('404 with message 004 → notFound for the requested PIN', async () => {
    await expect(adapter().track(['0000000000000000'])).resolves.toEqual([{ trackingNumber: '0000000000000000', events: [], notFound: true }]);
  });

  it('404 without the documented message body is a PermanentCarrierError', async () => {
    await expect(adapter().track(['HTML404'])).rejects.toMatchObject({ name: 'PermanentCarrierError', code: 'HTTP_404' });
  });

  it('rejects an XXE-laden response without resolving the entity', async () => {
    const error = await adapter().track(['XXE']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentCarrierError);
    expect(error).toMatchObject({ code: 'CANADAPOST_XML_REFUSED' });
    expect(String((error as Error).message)).not.toMatch(/root:/);
  });

  it('429 → TransientCarrierError; 401 → PermanentCarrierError', async () => {
    const limited = await adapter().track(['RATE']).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(TransientCarrierError);
    expect(limited).toMatchObject({ code: 'HTTP_429', retryAfterMs: 3000 });
    const denied = await adapter().track(['AUTH']).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(PermanentCarrierError);
    expect(denied).toMatchObject({ code: 'HTTP_401' });
  });

  it('declares tracking only, one PIN per call', () => {
    const canadaPost = adapter();
    expect(canadaPost.id).toBe('canadapost');
    expect(canadaPost.capabilities).toEqual({ createShipment: false, webhooks: false, tracking: true, maxBatchSize: 1 });
    expect(canadaPost.trackingUrl('0073938000549297')).toContain('0073938000549297');
  });
});
