import { describe, expect, it } from 'vitest';
import { mapSimulatorCode } from '../../../src/carriers/simulator/status-map.js';
import { createCarrierSimApp } from '../../../src/simulators/carrier/create-sim-app.js';
import { renderSimTracking } from '../../../src/simulators/carrier/formats/simulator.js';
import { SCENARIO_NAMES, type ScenarioName } from '../../../src/simulators/carrier/scenarios/index.js';
import { createManualClock, createSimClock } from '../../../src/simulators/carrier/sim-clock.js';
import type { SimShipment } from '../../../src/simulators/carrier/sim-types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2024-05-06T15:00:00Z');
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

function plan(scenario: ScenarioName, seed: number) {
  const clock = createManualClock(START);
  const sim = createCarrierSimApp({ apiKey: 'k', clock, seed, timeoutHoldMs: 5 });
  const shipment = sim.store.register({ scenario });
  return { sim, clock, shipment };
}

/** Unique scans in time order, as the carrier would eventually report them. */
function timeline(shipment: SimShipment) {
  const seen = new Set<string>();
  return [...shipment.events]
    .sort((a, b) => a.occurredAtMs - b.occurredAtMs || a.seq - b.seq)
    .filter((e) => !seen.has(e.eventId) && seen.add(e.eventId));
}
const codes = (shipment: SimShipment) => timeline(shipment).map((e) => e.code).join(' ');
const gaps = (shipment: SimShipment) => timeline(shipment).slice(1).map((e, i) => e.occurredAtMs - (timeline(shipment)[i]?.occurredAtMs ?? 0));
const span = (shipment: SimShipment) => (timeline(shipment).at(-1)?.occurredAtMs ?? 0) - START;

describe('scenarios', () => {
  it('every scenario is deterministic per seed and tracking number, and varies across seeds', () => {
    for (const scenario of SCENARIO_NAMES) {
      const a = plan(scenario, 42).shipment;
      const b = plan(scenario, 42).shipment;
      expect(b.events).toEqual(a.events);
      const variants = new Set(SEEDS.map((seed) => JSON.stringify(plan(scenario, seed).shipment.events.map((e) => e.occurredAt))));
      expect(variants.size).toBeGreaterThan(1);
    }
  });

  it('every scan has an ISO time with an offset, a known code, a description and a location', () => {
    for (const scenario of SCENARIO_NAMES) {
      for (const seed of SEEDS) {
        for (const event of plan(scenario, seed).shipment.events) {
          expect(event.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
          expect(Date.parse(event.occurredAt)).toBe(event.occurredAtMs);
          expect(mapSimulatorCode(event.code).status).not.toBe('unknown');
          expect(event.description.length).toBeGreaterThan(3);
          expect(event.location?.city).toBeTruthy();
        }
      }
    }
  });

  it('happy_path: label, pickup, 2-4 transit scans, out for delivery, delivered within 3-5 days', () => {
    for (const seed of SEEDS) {
      const { shipment } = plan('happy_path', seed);
      expect(codes(shipment)).toMatch(/^LC PU( (AR|DP)){2,4} OD DL$/);
      expect(span(shipment)).toBeGreaterThan(2 * DAY);
      expect(span(shipment)).toBeLessThan(6 * DAY);
      expect(gaps(shipment).every((g) => g > 0)).toBe(true);
      expect(shipment.eta?.atMs).toBe(timeline(shipment).at(-1)?.occurredAtMs);
    }
  });

  it('slow_carrier: delivered after 8-10 days, every silence under 72 h, promised ETA missed', () => {
    for (const seed of SEEDS) {
      const { shipment } = plan('slow_carrier', seed);
      expect(codes(shipment)).toMatch(/^LC PU( (AR|DP))+ OD DL$/);
      expect(span(shipment)).toBeGreaterThan(7 * DAY);
      expect(span(shipment)).toBeLessThan(11 * DAY);
      expect(Math.max(...gaps(shipment))).toBeLessThan(72 * HOUR);
      expect(Math.max(...gaps(shipment))).toBeGreaterThan(30 * HOUR);
      expect(shipment.eta!.atMs).toBeLessThan(timeline(shipment).at(-1)!.occurredAtMs);
    }
  });

  it('lost_parcel: in transit, then no scan ever again', () => {
    for (const seed of SEEDS) {
      const { shipment, clock } = plan('lost_parcel', seed);
      expect(codes(shipment)).toMatch(/^LC PU AR DP$/);
      expect(span(shipment)).toBeLessThan(2 * DAY);
      clock.advance(3 * DAY);
      const early = renderSimTracking(shipment, clock.now());
      clock.advance(30 * DAY);
      expect(renderSimTracking(shipment, clock.now()).events).toEqual(early.events);
      expect(early.status).toBe('in_transit');
      expect(early.eta?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('exception_recovery: weather delay, transit resumes, then delivered', () => {
    for (const seed of SEEDS) {
      const { shipment } = plan('exception_recovery', seed);
      expect(codes(shipment)).toMatch(/^LC PU AR DY IT( AR| DP)+ OD DL$/);
      const delay = timeline(shipment).find((e) => e.code === 'DY');
      expect(mapSimulatorCode('DY')).toEqual({ status: 'exception', subStatus: 'delayed' });
      expect(delay?.description).toMatch(/weather/i);
    }
  });

  it('failed_attempt: an attempt, then collected at a pickup point or redelivered the next day', () => {
    const endings = new Set<string>();
    for (const seed of SEEDS) {
      const { shipment } = plan('failed_attempt', seed);
      expect(codes(shipment)).toMatch(/ OD DA (PK DL|OD DL)$/);
      endings.add(codes(shipment).slice(-5));
      const [attempt, ...rest] = timeline(shipment).slice(-3);
      expect((rest.at(-1)?.occurredAtMs ?? 0) - (attempt?.occurredAtMs ?? 0)).toBeLessThan(2 * DAY);
    }
    expect(endings).toEqual(new Set(['PK DL', 'OD DL']));
  });

  it('return_to_sender: two attempts, held, then returned; never delivered', () => {
    for (const seed of SEEDS) {
      const { shipment, clock } = plan('return_to_sender', seed);
      expect(codes(shipment)).toMatch(/ OD DA OD DA PK RS$/);
      clock.advance(40 * DAY);
      const final = renderSimTracking(shipment, clock.now());
      expect(final.status).toBe('returned_to_sender');
      expect(final.eta).toBeUndefined();
    }
  });

  it('duplicates_out_of_order: re-sends scans with the same id and reports one scan after a newer one', () => {
    for (const seed of SEEDS) {
      const { shipment } = plan('duplicates_out_of_order', seed);
      const ids = shipment.events.map((e) => e.eventId);
      expect(ids.length - new Set(ids).size).toBe(2);
      const byReport = [...shipment.events].sort((a, b) => a.visibleAtMs - b.visibleAtMs);
      const inversions = byReport.filter((e, i) => i > 0 && e.occurredAtMs < (byReport[i - 1]?.occurredAtMs ?? 0) && e.eventId !== byReport[i - 1]?.eventId);
      expect(inversions.length).toBeGreaterThanOrEqual(1);
      expect(codes(shipment)).toMatch(/^LC PU( (AR|DP)){3,4} OD DL$/);
    }
  });

  it('api_outage: look-ups fail with a mix of 5xx, 429 and timeouts inside the window, then recover', async () => {
    const { sim, clock, shipment } = plan('api_outage', 3);
    const get = () => sim.app.request(`/simulator/v1/tracking/${shipment.trackingNumber}`, { headers: { 'x-sim-api-key': 'k' } });
    expect((await get()).status).toBe(200);
    clock.set(shipment.outage!.fromMs + 1);
    const statuses = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await get()).status);
    expect(new Set(statuses)).toEqual(new Set([503, 429, 504]));
    clock.set(shipment.outage!.toMs);
    expect((await get()).status).toBe(200);
    expect(shipment.requests).toMatchObject({ tracking: 10, faulted: 8 });
    expect(shipment.outage!.toMs - shipment.outage!.fromMs).toBeGreaterThanOrEqual(20 * HOUR);
  });
});

describe('simulator clock', () => {
  it('reports scans as the clock passes them, newest first', () => {
    const { shipment, clock } = plan('happy_path', 9);
    expect(renderSimTracking(shipment, clock.now()).events.map((e) => e.code)).toEqual(['LC']);
    clock.advance(DAY);
    const mid = renderSimTracking(shipment, clock.now()).events.map((e) => e.code);
    expect(mid.at(-1)).toBe('LC');
    expect(mid.length).toBeGreaterThan(1);
    clock.advance(10 * DAY);
    const done = renderSimTracking(shipment, clock.now());
    expect(done.status).toBe('delivered');
    expect(done.events.map((e) => e.code).slice(0, 2)).toEqual(['DL', 'OD']);
  });

  it('timeScale 10080 plays a week in a real minute', () => {
    let real = 1_000_000;
    const clock = createSimClock({ timeScale: 10_080, realNow: () => real, startAt: START });
    const sim = createCarrierSimApp({ apiKey: 'k', clock });
    const shipment = sim.store.register({ scenario: 'slow_carrier' });
    real += 30_000;
    expect(renderSimTracking(shipment, clock.now()).status).not.toBe('delivered');
    real += 60_000;
    expect(clock.now() - START).toBe(90_000 * 10_080);
    expect(renderSimTracking(shipment, clock.now()).status).toBe('delivered');
    expect(() => createSimClock({ timeScale: 0 })).toThrow(RangeError);
  });

  it('a per-shipment timeScale and a past startAt replay a scenario faster (control API)', async () => {
    const clock = createManualClock(START);
    const sim = createCarrierSimApp({ apiKey: 'k', clock });
    const post = (body: unknown) =>
      sim.app.request('/control/shipments', { method: 'POST', headers: { 'x-sim-api-key': 'k', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const fast = (await (await post({ scenario: 'happy_path', timeScale: 1000 })).json()) as { trackingNumber: string };
    clock.advance(10 * 60_000); // ten real minutes = ~7 carrier days
    expect(renderSimTracking(sim.store.get(fast.trackingNumber)!, clock.now()).status).toBe('delivered');

    const past = (await (await post({ scenario: 'happy_path', startAt: new Date(START - 20 * DAY).toISOString() })).json()) as { trackingNumber: string };
    const shipment = sim.store.get(past.trackingNumber)!;
    expect(renderSimTracking(shipment, clock.now()).status).toBe('delivered');
    expect(Date.parse(shipment.events[0]!.occurredAt)).toBe(START - 20 * DAY);
  });

  it('mixed picks scenarios per number, deterministically', () => {
    const picks = (seed: number) => {
      const sim = createCarrierSimApp({ apiKey: 'k', clock: createManualClock(START), seed });
      return Array.from({ length: 40 }, () => sim.store.register({ scenario: 'mixed' }).scenario);
    };
    expect(picks(5)).toEqual(picks(5));
    expect(new Set(picks(5)).size).toBeGreaterThan(3);
  });
});
