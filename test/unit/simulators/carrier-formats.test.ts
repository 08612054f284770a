import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAfterShipAdapter } from '../../../src/carriers/aftership/index.js';
import { createCanadaPostAdapter } from '../../../src/carriers/canadapost/index.js';
import { TransientCarrierError, type CarrierAdapter, type CarrierId } from '../../../src/carriers/carrier-adapter.js';
import { createDhlAdapter } from '../../../src/carriers/dhl/index.js';
import { createEasyPostAdapter } from '../../../src/carriers/easypost/index.js';
import { createFedexAdapter } from '../../../src/carriers/fedex/index.js';
import { createShippoAdapter } from '../../../src/carriers/shippo/index.js';
import { mapSimulatorCode } from '../../../src/carriers/simulator/status-map.js';
import { createUpsAdapter } from '../../../src/carriers/ups/index.js';
import { createUspsAdapter } from '../../../src/carriers/usps/index.js';
import type { ShipmentStatus } from '../../../src/domain/shipment-status.js';
import { startCarrierSim, type RunningCarrierSim } from '../../../src/simulators/carrier/start-carrier-sim.js';

const KEY = 'formats-key';
const DAY = 86_400_000;
let sim: RunningCarrierSim;

interface TimelineEvent {
  code: string;
  occurredAt: string;
  eventId: string;
  visible: boolean;
}

async function control(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(sim.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-sim-api-key': KEY, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as Record<string, unknown>;
}

/**
 * What each carrier's format can say about a simulator scan, read back through our own adapter. Where a
 * carrier has no code for a state the status degrades, and these tables document exactly how.
 */
const DEGRADED: Record<string, Partial<Record<string, ShipmentStatus>>> = {
  ups: {},
  fedex: { DA: 'exception' },
  dhl: { PU: 'in_transit', DA: 'exception', PK: 'in_transit' },
  canadapost: { LC: 'unknown', PU: 'unknown', DA: 'unknown', PK: 'unknown', DY: 'unknown', RS: 'unknown' },
  easypost: { DA: 'exception', CA: 'exception' },
  aftership: { CA: 'exception' },
  shippo: { CA: 'exception' },
  // USPS: only observed event codes are mapped; the newest scan's `statusCategory` covers the rest.
  usps: { DA: 'unknown', PK: 'unknown', DY: 'unknown', RS: 'unknown' },
};
const USPS_NEWEST: Partial<Record<string, ShipmentStatus>> = { DA: 'delivery_attempted', PK: 'available_for_pickup', DY: 'exception', RS: 'exception' };

function expectedStatuses(carrier: string, timeline: TimelineEvent[]): ShipmentStatus[] {
  return timeline.map((event, index) => {
    const newest = index === timeline.length - 1;
    const usps = carrier === 'usps' && newest ? USPS_NEWEST[event.code] : undefined;
    return usps ?? DEGRADED[carrier]?.[event.code] ?? mapSimulatorCode(event.code).status;
  });
}

const ADAPTERS: Record<Exclude<CarrierId, 'simulator'>, () => CarrierAdapter> = {
  ups: () => createUpsAdapter({ baseUrl: `${sim.url}/ups`, clientId: 'ups-id', clientSecret: 'ups-secret' }),
  fedex: () => createFedexAdapter({ baseUrl: `${sim.url}/fedex`, clientId: 'fx-id', clientSecret: 'fx-secret' }),
  usps: () => createUspsAdapter({ baseUrl: `${sim.url}/usps`, clientId: 'usps-id', clientSecret: 'usps-secret' }),
  dhl: () => createDhlAdapter({ baseUrl: `${sim.url}/dhl`, apiKey: 'dhl-key' }),
  canadapost: () => createCanadaPostAdapter({ baseUrl: `${sim.url}/canadapost`, username: 'cp-user', password: 'cp-pass' }),
  easypost: () => createEasyPostAdapter({ baseUrl: `${sim.url}/easypost`, apiKey: 'EZTK' }),
  aftership: () => createAfterShipAdapter({ baseUrl: `${sim.url}/aftership/tracking/2025-01`, apiKey: 'as-key' }),
  shippo: () => createShippoAdapter({ baseUrl: `${sim.url}/shippo`, apiToken: 'shippo_test_x', resolveCarrier: () => 'shippo' }),
};

beforeAll(async () => {
  sim = await startCarrierSim({ apiKey: KEY, timeoutHoldMs: 200 });
});
afterAll(async () => {
  await sim.stop();
});

describe.each(Object.keys(ADAPTERS) as (keyof typeof ADAPTERS)[])('%s format through the real adapter', (carrier) => {
  let adapter: CarrierAdapter;
  beforeAll(() => {
    adapter = ADAPTERS[carrier]();
  });
  let serial = 0;
  const register = async (scenario: string, startAt: number) => {
    const trackingNumber = `SIMFMT${carrier.toUpperCase()}${(serial += 1)}`;
    await control('/control/shipments', { trackingNumber, scenario, carrier, startAt: new Date(startAt).toISOString() });
    return trackingNumber;
  };

  it.each(['exception_recovery', 'return_to_sender', 'failed_attempt'])('renders the %s timeline', async (scenario) => {
    const tn = await register(scenario, Date.now() - 40 * DAY);
    const [update] = await adapter.track([tn]);
    const state = await control(`/control/shipments/${tn}`);
    const timeline = (state.timeline as TimelineEvent[]).filter((e) => e.visible);
    const events = [...(update?.events ?? [])].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    expect(update?.trackingNumber).toBe(tn);
    expect(events.map((e) => Date.parse(e.occurredAt))).toEqual(timeline.map((e) => Date.parse(e.occurredAt)));
    expect(events.map((e) => e.status)).toEqual(expectedStatuses(carrier, timeline));
    expect((state.requests as { tracking: number }).tracking).toBe(1);
  });

  it('passes the carrier estimate of a shipment on its way', async () => {
    const tn = await register('happy_path', Date.now() - DAY);
    const [update] = await adapter.track([tn]);
    const state = await control(`/control/shipments/${tn}`);
    expect(update?.events.length).toBeGreaterThan(0);
    expect(update?.eta?.date.startsWith((state.eta as { date: string }).date)).toBe(true);
  });

  it('answers notFound for a number the carrier does not know', async () => {
    const [update] = await adapter.track([`UNKNOWN${carrier.toUpperCase()}1`]);
    expect(update).toMatchObject({ events: [], notFound: true });
  });

  it('fails transiently under a fault scoped to this carrier', async () => {
    const tn = await register('happy_path', Date.now());
    await control('/control/faults', { mode: '5xx', count: 1, carrier });
    await expect(adapter.track([tn])).rejects.toBeInstanceOf(TransientCarrierError);
    await control('/control/faults', { mode: 'none' });
  });
});
