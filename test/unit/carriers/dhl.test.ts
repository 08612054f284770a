import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentCarrierError, TransientCarrierError } from '../../../src/carriers/carrier-adapter.js';
import { createDhlAdapter } from '../../../src/carriers/dhl/index.js';
import { mapDhlTrackingBody } from '../../../src/carriers/dhl/mapper.js';
import { normalizeBody } from '../../../src/carriers/dhl/normalize.js';
import { DHL_STATUS_CODES, mapDhlStatus } from '../../../src/carriers/dhl/status-map.js';
import type { TrackingUpdate } from '../../../src/domain/tracking-event.js';
import { jsonReply, startLocalHttpServer, type LocalHttpServer, type RecordedRequest } from '../../support/local-http-server.js';
import { listCarrierFixtures, readCarrierFixtureText } from '../../support/carrier-fixtures.js';

// DHL's documents may not be copied: these bodies are written here from the documented fields (SOURCES.md).
const fixture = (name: string) => readCarrierFixtureText(`dhl/${name}`);

/** Every file in test/fixtures/carriers/dhl with the normalized result it must produce. */
const EXPECTED: Record<string, TrackingUpdate[]> = {
  // Like DHL's own doc sample, the newest event's text says "DELIVERED" while its statusCode is "transit": the code wins.
  'unified_express_3318810025.json': [
    {
      trackingNumber: '3318810025',
      events: [
        {
          status: 'in_transit',
          occurredAt: '2024-02-14T09:40:00+01:00',
          description: 'Arrived at the delivery facility',
          location: { city: 'WIEN', postalCode: '1010', country: 'AT' },
          carrierCode: 'transit',
        },
        {
          status: 'label_created',
          occurredAt: '2024-02-13T18:05:00', // no offset given: none invented
          description: 'Shipment information received',
          location: { city: 'LEIPZIG', postalCode: '04103', country: 'DE' },
          carrierCode: 'pre-transit',
        },
      ],
      eta: { date: '2024-02-15T00:00:00Z', windowStart: '2024-02-15T00:00:00Z', windowEnd: '2024-02-15T18:00:00Z' },
    },
  ],
  'unified_error_404_no_result.json': [{ trackingNumber: '3318810036', events: [], notFound: true }],
};

describe('DHL fixtures → normalized updates', () => {
  it('covers every example payload in test/fixtures/carriers/dhl', () => {
    expect(listCarrierFixtures('dhl').sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    expect(normalizeBody(fixture(name))).toEqual(expected);
  });

  it('names updates after the requested number when given', () => {
    const [update] = mapDhlTrackingBody(fixture('unified_error_404_no_result.json'), 'JJD0001');
    expect(update).toEqual({ trackingNumber: 'JJD0001', events: [], notFound: true });
  });
});

/** A one-shipment body with the given events (and optional shipment-level fields). */
function body(events: unknown[], shipment: object = {}): string {
  return JSON.stringify({ shipments: [{ id: '00340434292135100186', service: 'parcel-de', events, ...shipment }] });
}
const at = '2024-03-01T10:15:00+01:00';

describe('DHL status table', () => {
  it.each(Object.entries(DHL_STATUS_CODES))('statusCode %s → %s', (code, status) => {
    expect(mapDhlStatus({ statusCode: code, texts: [] }).status).toBe(status);
  });

  it('maps returnFlag to returned_to_sender, over any code', () => {
    expect(mapDhlStatus({ statusCode: 'delivered', returnFlag: true, texts: [] }).status).toBe('returned_to_sender');
  });

  it('unknown or missing codes → unknown, keeping the raw text; never throws', () => {
    const [update] = normalizeBody(body([{ timestamp: at, statusCode: 'teleported', description: 'Beamed up' }, { timestamp: at, description: 'No code' }]));
    expect(update?.events).toEqual([
      { status: 'unknown', occurredAt: at, description: 'Beamed up', carrierCode: 'teleported' },
      { status: 'unknown', occurredAt: at, description: 'No code' },
    ]);
    expect(() => normalizeBody(body([42, null, { timestamp: 7, statusCode: {} }, 'x']))).not.toThrow();
  });
});

describe('DHL out-for-delivery text heuristic (flagged in carrierCode)', () => {
  it.each([
    ['German parcel-de', 'Die Sendung wurde in das Zustellfahrzeug geladen. Die Zustellung erfolgt voraussichtlich heute.'],
    ['English', 'The shipment is out for delivery'],
    ['Express wording', 'Shipment is with delivery courier'],
  ])('%s text on a transit event → out_for_delivery', (_name, text) => {
    const [update] = normalizeBody(body([{ timestamp: at, statusCode: 'transit', description: text }]));
    expect(update?.events[0]).toMatchObject({ status: 'out_for_delivery', carrierCode: 'transit+heuristic:out_for_delivery', description: text });
  });

  it('never overrides a coded non-transit status', () => {
    const [update] = normalizeBody(body([
      { timestamp: at, statusCode: 'delivered', description: 'Delivered; was out for delivery earlier' },
      { timestamp: at, statusCode: 'pre-transit', status: 'Zustellfahrzeug bestellt' },
    ]));
    expect(update?.events.map((e) => [e.status, e.carrierCode])).toEqual([['delivered', 'delivered'], ['label_created', 'pre-transit']]);
  });

  it('plain transit text stays in_transit', () => {
    const [update] = normalizeBody(body([{ timestamp: at, statusCode: 'transit', description: 'Arrived at sort facility' }]));
    expect(update?.events[0]?.status).toBe('in_transit');
  });
});

describe('DHL mapper details', () => {
  it('keeps offsets, reads failure, and applies a shipment returnFlag to the newest event only', () => {
    const [update] = normalizeBody(body(
      [
        { timestamp: '2024-03-03T09:00:00+01:00', statusCode: 'transit', description: 'Returning' },
        { timestamp: '2024-03-02T09:00:00+01:00', statusCode: 'failure', description: 'Recipient refused' },
      ],
      { returnFlag: true },
    ));
    expect(update?.events.map((e) => [e.status, e.occurredAt])).toEqual([
      ['returned_to_sender', '2024-03-03T09:00:00+01:00'],
      ['exception', '2024-03-02T09:00:00+01:00'],
    ]);
  });

  it('drops events without a usable timestamp, and uses `status` when there are no events', () => {
    const [update] = normalizeBody(body([{ statusCode: 'transit' }, { timestamp: 'yesterday', statusCode: 'transit' }], {
      status: { timestamp: at, statusCode: 'transit', status: 'In transit' },
    }));
    expect(update?.events).toEqual([]);
    const [fromStatus] = normalizeBody(body([], { status: { timestamp: at, statusCode: 'transit', status: 'In transit' } }));
    expect(fromStatus?.events).toEqual([{ status: 'in_transit', occurredAt: at, description: 'In transit', carrierCode: 'transit' }]);
  });

  it('ETA falls back to estimatedDeliveryTimeFrame.estimatedThrough', () => {
    const [update] = normalizeBody(body([], { estimatedDeliveryTimeFrame: { estimatedFrom: '2024-03-04T08:00:00+01:00', estimatedThrough: '2024-03-04T12:00:00+01:00' } }));
    expect(update?.eta).toEqual({ date: '2024-03-04T12:00:00+01:00', windowStart: '2024-03-04T08:00:00+01:00', windowEnd: '2024-03-04T12:00:00+01:00' });
  });

  it('when two divisions answer for one number, the most recent shipment wins', () => {
    const text = JSON.stringify({
      shipments: [
        { id: 'X1', service: 'express', events: [{ timestamp: '2020-01-01T00:00:00Z', statusCode: 'delivered' }] },
        { id: 'X1', service: 'parcel-de', events: [{ timestamp: '2024-01-01T00:00:00Z', statusCode: 'transit' }] },
      ],
    });
    expect(mapDhlTrackingBody(text, 'X1').map((u) => u.events[0]?.status)).toEqual(['in_transit']);
    expect(mapDhlTrackingBody('{"shipments":[]}', 'X1')).toEqual([{ trackingNumber: 'X1', events: [], notFound: true }]);
  });

  it('classifies non-tracking bodies as carrier errors', () => {
    expect(() => normalizeBody('<html>oops</html>')).toThrow(PermanentCarrierError);
    expect(() => normalizeBody('{"hello":1}')).toThrow(PermanentCarrierError);
    expect(() => normalizeBody('{"title":"Unauthorized","status":401}')).toThrow(PermanentCarrierError);
    expect(() => normalizeBody('{"title":"Too Many Requests","status":429}')).toThrow(TransientCarrierError);
  });
});

describe('DHL client against a local HTTP server', () => {
  let server: LocalHttpServer;
  let seen: RecordedRequest[];
  let baseUrl: string;

  beforeAll(async () => {
    server = await startLocalHttpServer((req) => {
      const answers: Record<string, [number, string, Record<string, string>]> = {
        '3318810025': [200, fixture('unified_express_3318810025.json'), {}],
        '3318810036': [404, fixture('unified_error_404_no_result.json'), {}],
        RATE: [429, '{"title":"Too Many Requests","status":429}', { 'retry-after': '7' }],
        AUTH: [401, '{"title":"Unauthorized","status":401,"detail":"Invalid API key"}', {}],
        HTML404: [404, '<html><body>Not Found</body></html>', { 'content-type': 'text/html' }],
      };
      const [status, text, headers] = answers[req.query.get('trackingNumber') ?? ''] ?? [500, 'boom', {}];
      return jsonReply(status, text, headers);
    });
    baseUrl = server.url;
    seen = server.requests;
  });

  afterAll(async () => {
    await server.close();
  });

  // A fresh adapter per call: the 1 call/s bucket starts full, so tests do not wait on each other.
  const adapter = (service?: string) => createDhlAdapter({ baseUrl, apiKey: 'test-key-123', ...(service ? { service } : {}) });

  it('sends GET /track/shipments with the number, service and DHL-API-Key header, and maps the body', async () => {
    seen.length = 0;
    const updates = await adapter('express').track(['3318810025']);
    expect(updates).toEqual(EXPECTED['unified_express_3318810025.json']);
    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect(request.method).toBe('GET');
    const url = new URL(request.url ?? '', 'http://x');
    expect(url.pathname).toBe('/track/shipments');
    expect(Object.fromEntries(url.searchParams)).toEqual({ trackingNumber: '3318810025', service: 'express' });
    expect(request.headers['dhl-api-key']).toBe('test-key-123');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.url).not.toContain('test-key-123');
  });

  it('omits service when not configured', async () => {
    seen.length = 0;
    await adapter().track(['3318810025']);
    expect([...new URL(seen[0]?.url ?? '', 'http://x').searchParams.keys()]).toEqual(['trackingNumber']);
  });

  it('404 "No result found" → notFound (not an error), named after the requested number', async () => {
    await expect(adapter().track(['3318810036'])).resolves.toEqual([{ trackingNumber: '3318810036', events: [], notFound: true }]);
  });

  it('a 404 without the documented problem body (wrong base URL) is a PermanentCarrierError', async () => {
    await expect(adapter().track(['HTML404'])).rejects.toMatchObject({ name: 'PermanentCarrierError', code: 'HTTP_404' });
  });

  it('429 → TransientCarrierError with Retry-After', async () => {
    const error = await adapter().track(['RATE']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientCarrierError);
    expect(error).toMatchObject({ code: 'HTTP_429', retryAfterMs: 7000 });
  });

  it('401 → PermanentCarrierError', async () => {
    const error = await adapter().track(['AUTH']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentCarrierError);
    expect(error).toMatchObject({ code: 'HTTP_401' });
  });

  it('tracks several numbers one call at a time, paced at 1 call/s', async () => {
    seen.length = 0;
    const started = Date.now();
    const updates = await adapter().track(['3318810025', '3318810036']);
    expect(updates.map((u) => [u.trackingNumber, u.notFound ?? false])).toEqual([['3318810025', false], ['3318810036', true]]);
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('declares one number per call and the public tracking page', () => {
    const dhl = adapter();
    expect(dhl.capabilities).toEqual({ createShipment: false, webhooks: false, tracking: true, maxBatchSize: 1 });
    expect(dhl.id).toBe('dhl');
    expect(dhl.trackingUrl('3318810025')).toContain('3318810025');
    expect(dhl.parseTracking(fixture('unified_error_404_no_result.json'))[0]?.notFound).toBe(true);
  });
});
