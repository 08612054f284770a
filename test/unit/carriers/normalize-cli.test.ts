import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CARRIER_IDS, type CarrierId } from '../../../src/carriers/carrier-adapter.js';
import { normalizeCarrierBody, TrackingNumberNotInBodyError, type NormalizedBodyOut } from '../../../src/carriers/normalizers.js';
import { SHIPMENT_STATUSES } from '../../../src/domain/shipment-status.js';
import { readCarrierFixtureText } from '../../support/carrier-fixtures.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
// Carrier payloads from test/fixtures/carriers. A missing file throws, so the test fails instead of
// silently skipping a carrier.
const fixture = (path: string) => readCarrierFixtureText(path);
const normalize = (carrier: CarrierId, path: string, trackingNumber?: string) =>
  normalizeCarrierBody(carrier, fixture(path), trackingNumber === undefined ? {} : { trackingNumber });

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const WITH_OFFSET = /T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Asserts the documented output shape exactly: no key beyond `events`/`eta`, five event keys at most. */
function expectShape(out: NormalizedBodyOut): void {
  expect(Object.keys(out).every((k) => k === 'events' || k === 'eta')).toBe(true);
  if (out.eta !== undefined) expect(out.eta).toMatch(ISO);
  for (const event of out.events) {
    expect(Object.keys(event)).toEqual(
      event.location === undefined
        ? ['status', 'occurredAt', 'description', 'carrierCode']
        : ['status', 'occurredAt', 'location', 'description', 'carrierCode'],
    );
    expect(SHIPMENT_STATUSES).toContain(event.status);
    expect(event.occurredAt).toMatch(ISO);
    expect(typeof event.description).toBe('string');
  }
}

const statuses = (out: NormalizedBodyOut) => out.events.map((e) => e.status);

describe('normalizeCarrierBody on every carrier in test/fixtures/carriers', () => {
  it('ups: Track API response and Track Alert webhook', () => {
    const track = normalize('ups', 'ups/track_v1_delivered_1Z879E930346834440.json');
    expectShape(track);
    expect(statuses(track)).toEqual(['delivered', 'out_for_delivery', 'label_created']);
    expect(track.events[0]).toMatchObject({ location: { city: 'DENVER', region: 'CO', postalCode: '80202', country: 'US' }, carrierCode: 'D/FS/011' });

    const alert = normalize('ups', 'ups/trackalert_webhook_out_for_delivery.json');
    expectShape(alert);
    expect(alert).toMatchObject({ eta: '2024-04-23', events: [{ status: 'out_for_delivery', occurredAt: '2024-04-23T09:15:19-04:00' }] });
    expect(normalize('ups', 'ups/track_v1_warning_not_found_TW0001.json')).toEqual({ events: [] });
  });

  it('fedex: Track API v1 JSON and legacy Web Services XML', () => {
    const json = normalize('fedex', 'fedex/track_v1_delivered_986578788855.json');
    expectShape(json);
    expect(json.events).toHaveLength(6);
    expect(json.events[0]).toMatchObject({ status: 'delivered', occurredAt: '2023-03-09T15:22:10-08:00', carrierCode: 'DL' });

    const xml = normalize('fedex', 'legacy/fedex-web-services-xml/tracking_response_delivered_at_door.xml');
    expectShape(xml);
    expect(xml.events[0]).toMatchObject({ status: 'delivered', occurredAt: '2014-01-08T12:53:10-08:00', carrierCode: 'DL' });
    expect(normalize('fedex', 'legacy/fedex-web-services-xml/tracking_response_not_found.xml')).toEqual({ events: [] });
    expect(() => normalize('fedex', 'legacy/fedex-web-services-xml/tracking_response_failure_code_9045.xml')).toThrow(/9045/);
  });

  it('usps: v3 JSON and legacy Web Tools XML, choosing among several numbers', () => {
    const v3 = normalize('usps', 'usps/v3/tracking_detail_accepted.json');
    expectShape(v3);
    expect(v3.events[0]).toMatchObject({ status: 'picked_up', occurredAt: '2024-06-11T09:14:00', carrierCode: '03' });

    // The batch holds three numbers; by default the one with the most recent event is printed.
    const batch = normalize('usps', 'legacy/usps-web-tools-xml/tracking_response_batch.xml');
    expectShape(batch);
    expect(batch.events).toHaveLength(10);
    expect(batch.events[0]).toMatchObject({ status: 'delivered', occurredAt: '2015-04-28T09:01:00', carrierCode: '01' });
    const chosen = normalize('usps', 'legacy/usps-web-tools-xml/tracking_response_batch.xml', '5555555555555555555555');
    expect(statuses(chosen)).toEqual(['delivered', 'label_created']);
    expect(() => normalize('usps', 'legacy/usps-web-tools-xml/tracking_response_batch.xml', '123')).toThrow(TrackingNumberNotInBodyError);
  });

  it('dhl and canadapost (XML, offsets from the event time zone)', () => {
    const dhl = normalize('dhl', 'dhl/unified_express_3318810025.json');
    expectShape(dhl);
    expect(dhl).toMatchObject({ eta: '2024-02-15T00:00:00Z', events: [{ status: 'in_transit', carrierCode: 'transit' }, { status: 'label_created', carrierCode: 'pre-transit' }] });

    const cp = normalize('canadapost', 'canadapost/tracking_detail_0073938000549297.xml');
    expectShape(cp);
    expect(cp.events).toHaveLength(5);
    expect(cp.events[2]).toMatchObject({ status: 'out_for_delivery', occurredAt: '2023-10-20T07:48:12-04:00', carrierCode: '0174' });
    expect(normalize('canadapost', 'canadapost/messages_no_pin_history.xml')).toEqual({ events: [] });
  });

  it('aggregators: easypost, aftership, shippo webhooks', () => {
    const easypost = normalize('easypost', 'easypost/event-body.json');
    expectShape(easypost);
    expect(easypost.events).toHaveLength(7);
    expect(easypost.events.every((e) => WITH_OFFSET.test(e.occurredAt))).toBe(true);

    const aftership = normalize('aftership', 'aftership/webhook_tracking_update_InTransit.signed-bytes.json');
    expectShape(aftership);
    expect(aftership.events[0]).toMatchObject({ status: 'in_transit', occurredAt: '2021-01-14T00:52:00' });
    expect(normalize('aftership', 'aftership/webhook_edd_revise.signed-bytes.json')).toEqual({ events: [], eta: '2026-10-02' });

    const shippo = normalize('shippo', 'shippo/webhook_track_updated_DELIVERED.reconstructed.json');
    expectShape(shippo);
    expect(shippo).toMatchObject({ eta: '2021-07-23T00:00:00Z', events: [{ status: 'delivered', occurredAt: '2016-07-23T00:00:00Z' }] });
  });

  it('simulator (a batch answer written here) and a text-only location', () => {
    const scan = (eventId: string, code: string, occurredAt: string) => ({ eventId, code, occurredAt, description: code });
    const body = JSON.stringify({
      results: [
        { trackingNumber: 'SIM1', events: [scan('a', 'PU', '2024-03-01T09:00:00-05:00')] },
        { trackingNumber: 'SIM2', events: [scan('b', 'PU', '2024-03-02T09:00:00-05:00')], eta: { date: '2024-03-04' } },
        { trackingNumber: 'SIM3', notFound: true },
      ],
    });
    const out = normalizeCarrierBody('simulator', body);
    expectShape(out);
    expect(out).toMatchObject({ eta: '2024-03-04', events: [{ occurredAt: '2024-03-02T09:00:00-05:00', carrierCode: 'PU' }] });
    expect(normalizeCarrierBody('simulator', body, { trackingNumber: 'SIM3' })).toEqual({ events: [] });
  });

  it('throws the carrier parse error for an unreadable body', () => {
    expect(() => normalizeCarrierBody('shippo', '{"x":1}')).toThrow(/neither a Shippo webhook nor a Track/);
    expect(() => normalizeCarrierBody('usps', '<NotUsps/>')).toThrow(/USPS/);
  });
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would (through tsx), feeding `input` on stdin. */
function runCli(args: string[], input = ''): Promise<CliResult> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/carrier-normalize.ts', ...args], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', failed);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

// Each spawn costs about a second of tsx start-up, so only the exit-code contract runs through the CLI.
describe.concurrent('carrier:normalize CLI', () => {
  it('prints the normalized JSON and exits 0', async () => {
    const path = 'test/fixtures/carriers/ups/trackalert_webhook_out_for_delivery.json';
    const result = await runCli(['--carrier', 'ups', path]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(normalize('ups', 'ups/trackalert_webhook_out_for_delivery.json'));
  });

  it('exits 2 listing the carrier ids for an unknown carrier', async () => {
    const result = await runCli(['--carrier', 'pigeon', 'body.json']);
    expect(result.code).toBe(2);
    for (const id of CARRIER_IDS) expect(result.stderr).toContain(id);
  });

  it('exits 2 for an unreadable file', async () => {
    const result = await runCli(['--carrier', 'usps', 'no/such/body.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read no\/such\/body\.json/);
  });

  it('exits 1 with the reason when the body (from stdin) cannot be parsed', async () => {
    const result = await runCli(['--carrier', 'easypost', '-'], 'not json at all');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/cannot normalize stdin as easypost: .+/);
  });
});
