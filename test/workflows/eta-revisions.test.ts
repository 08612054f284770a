import { beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createEtaService } from '../../ml/eta-service.js';
import { createEtaOutcomeRepository } from '../../src/db/eta-outcomes/repository.js';
import { createEtaRevisionRepository } from '../../src/db/eta-revisions/repository.js';
import type { EstimatedDelivery, OrderRecord } from '../../src/db/orders/order-record.js';
import { calendarDate } from '../../src/eta/calendar-date.js';
import { purchaseInput } from '../../src/eta/order-eta-input.js';
import type { TrackingEvent } from '../../src/domain/tracking-event.js';
import { carrierEventsSignal } from '../../workflows/shipment-messages.js';
import { weekdaysAfter } from '../support/eta-dates.js';
import { eventually } from '../support/eventually.js';
import { placeSimulatorOrder } from '../support/lifecycle.js';
import { uniqueName } from '../support/servers.js';
import type { TestStack } from '../support/stack.js';
import { useTestServers } from '../support/test-servers.js';

const LA = 'America/Los_Angeles';
const suite = useTestServers('time-skipping', { carrierSim: true });
let stack: TestStack;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = suite.servers.temporal.env;
  // The shop ships from Oregon: the lane is OR → CA.
  stack = await suite.stack({ env: { DELIVERED_GRACE_PERIOD: '1h', TEMPORAL_SEARCH_ATTRIBUTES: 'false', SHIP_FROM_REGION: 'OR' } });
});

/** The same service the worker runs (the prior: the test config names no model directory). */
const service = createEtaService({ cutoffHour: 14 });

describe('ETA revisions as the parcel moves (ShipmentWorkflow on the time-skipping server)', () => {
  it('revises after pickup (blending the carrier date), in the destination region and out for delivery; keeps the promise; records reasons and the delivery', { timeout: 120_000 }, async () => {
    const sim = suite.servers.sim;
    const order = await placeSimulatorOrder(stack, uniqueName('ETA-REV'), {
      prepare: (tn) => sim.manualShipment(tn),
      overrides: {
        customer: { email: 'eta-rev@example.com', timeZone: LA },
        shippingAddress: { line1: '1 Main St', city: 'Los Angeles', region: 'CA', postalCode: '90012', country: 'US' },
      },
    });
    const read = () => stack.repos.orders.findByCode(order.code) as Promise<OrderRecord>;
    const placed = await read();
    const atPurchase = placed.estimatedDelivery!;
    expect(atPurchase).toMatchObject({ source: 'prior', modelVersion: 'prior-v1' });
    const input = purchaseInput(placed.etaInput!, order.code);
    const dates = (e: EstimatedDelivery) => ({ promise: e.arrivesBy!, likely: e.date!, low: e.earliest!, high: e.latest! });

    let serial = 0;
    const send = async (status: TrackingEvent['status'], location: TrackingEvent['location'], eta?: string) => {
      const at = new Date(await env.currentTimeMs()).toISOString();
      const event: TrackingEvent = { status, occurredAt: at, description: status, ...(location ? { location } : {}), carrierEventId: `${order.code}-${serial++}` };
      await order.handle.signal(carrierEventsSignal, { source: 'webhook', receivedAt: at, events: [event], ...(eta ? { eta: { date: eta } } : {}) });
      return at;
    };
    const settled = (check: (e: EstimatedDelivery) => boolean) => eventually(read, (o) => Boolean(o.estimatedDelivery && check(o.estimatedDelivery)));

    // Picked up in Oregon; the carrier expects it well after our promise: blended, the promise must move.
    const carrierDate = weekdaysAfter(atPurchase.promisedDate!, 6);
    const pickedAt = await send('picked_up', { city: 'Portland', region: 'OR', country: 'US' }, carrierDate);
    const afterPickup = (await settled((e) => e.stage === 'picked_up')).estimatedDelivery!;
    const expectedPickup = service.revise(input, dates(atPurchase), { stage: 'picked_up', at: pickedAt, carrierEta: carrierDate });
    const ownOnly = service.revise(input, dates(atPurchase), { stage: 'picked_up', at: pickedAt });
    expect(afterPickup).toMatchObject({ date: expectedPickup.likely, earliest: expectedPickup.low, latest: expectedPickup.high, arrivesBy: expectedPickup.promise, carrierDate });
    expect(afterPickup.date).not.toBe(ownOnly.likely); // the carrier's date weighed in
    expect(afterPickup.date! > ownOnly.likely && afterPickup.date! < carrierDate).toBe(true);
    expect(afterPickup.reasonCode).toBe('picked_up+carrier_eta+late');
    expect(afterPickup.promisedDate).toBe(atPurchase.promisedDate); // the promise made at purchase stays
    expect(afterPickup.arrivesBy! > atPurchase.promisedDate!).toBe(true);

    // A day later, a scan in California: in the destination region.
    await env.sleep(24 * 3_600_000);
    const regionAt = await send('in_transit', { city: 'Los Angeles', region: 'CA', country: 'US' }, carrierDate);
    const inRegion = (await settled((e) => e.stage === 'in_destination_region')).estimatedDelivery!;
    const expectedRegion = service.revise(input, dates(afterPickup), { stage: 'in_destination_region', at: regionAt, carrierEta: carrierDate });
    expect(inRegion).toMatchObject({ date: expectedRegion.likely, promisedDate: atPurchase.promisedDate });
    expect(inRegion.date! >= calendarDate(regionAt, LA)).toBe(true);

    // Out for delivery: today, on the customer's calendar.
    await env.sleep(24 * 3_600_000);
    const outAt = await send('out_for_delivery', { city: 'Los Angeles', region: 'CA', country: 'US' });
    const today = calendarDate(outAt, LA);
    const out = (await settled((e) => e.stage === 'out_for_delivery')).estimatedDelivery!;
    expect(out).toMatchObject({ date: today, earliest: today, latest: today, promisedDate: atPurchase.promisedDate });

    const revisions = await createEtaRevisionRepository(stack.mongo).listForOrder(order.code);
    expect(revisions.map((r) => r.stage)).toEqual(expect.arrayContaining(['picked_up', 'out_for_delivery']));
    expect(revisions[0]).toMatchObject({ stage: 'picked_up', reasonCode: 'picked_up+carrier_eta+late', from: { date: atPurchase.date }, to: { date: afterPickup.date } });
    expect(revisions[0]!.reason).toContain(`carrier expects ${carrierDate}`);
    expect(revisions.at(-1)).toMatchObject({ stage: 'out_for_delivery', to: { date: today } });

    // Delivered: the promise made at purchase, the last prediction and the actual day are recorded.
    await env.sleep(3 * 3_600_000);
    const deliveredAt = await send('delivered', { city: 'Los Angeles', region: 'CA', country: 'US' });
    const outcomes = createEtaOutcomeRepository(stack.mongo);
    const outcome = await eventually(() => outcomes.findByOrder(order.code), (o) => o !== null);
    expect(outcome).toMatchObject({
      carrierId: 'simulator',
      lane: 'US:OR>US:CA',
      atPurchase: { date: atPurchase.date, earliest: atPurchase.earliest, latest: atPurchase.latest, promise: atPurchase.promisedDate },
      last: { date: today },
      actualDate: calendarDate(deliveredAt, LA),
    });
    const byLane = await outcomes.accuracyBy('lane');
    expect(byLane.find((g) => g.key === 'US:OR>US:CA')?.n).toBe(1);
    // The order still shows the last prediction and the promise; the raw carrier date never replaced them.
    expect((await read()).estimatedDelivery).toMatchObject({ promisedDate: atPurchase.promisedDate, date: today });
  });

  it('never leaves a passed date as the plan: a scan after the most likely day revises it from that day, and the promise made at purchase stays', { timeout: 120_000 }, async () => {
    const sim = suite.servers.sim;
    const order = await placeSimulatorOrder(stack, uniqueName('ETA-LATE'), {
      prepare: (tn) => sim.manualShipment(tn),
      overrides: { customer: { email: 'eta-late@example.com', timeZone: LA } },
    });
    const read = () => stack.repos.orders.findByCode(order.code) as Promise<OrderRecord>;
    const atPurchase = (await read()).estimatedDelivery!;
    // Nothing moves for ten days: then a scan in transit, far from the customer.
    await env.sleep(10 * 24 * 3_600_000);
    const at = new Date(await env.currentTimeMs()).toISOString();
    const today = calendarDate(at, LA);
    expect(atPurchase.date! < today).toBe(true);
    await order.handle.signal(carrierEventsSignal, {
      source: 'webhook',
      receivedAt: at,
      events: [{ status: 'in_transit', occurredAt: at, description: 'Departed facility', location: { city: 'Reno', region: 'NV', country: 'US' }, carrierEventId: `${order.code}-1` }],
    });
    const revised = (await eventually(read, (o) => o.estimatedDelivery?.stage !== undefined)).estimatedDelivery!;
    expect(revised.stage).toBe('picked_up');
    expect(revised.date! >= today).toBe(true);
    expect(revised.arrivesBy! >= revised.date!).toBe(true);
    expect(revised.reasonCode).toBe('picked_up+late');
    expect(revised.promisedDate).toBe(atPurchase.promisedDate);
    await order.handle.terminate('test finished');
  });
});
