/**
 * The read model bench:tracking loads: N customers, orders, shipments, three tracking events and the
 * tracking-view document per order,
 * written in unordered bulk inserts through the db layer's own mongoose models (schema casting, defaults
 * and timestamps as the service writes them; the indexes created first, as a running service has them).
 * Order codes and tracking numbers follow from the index, so any order can be addressed without a query.
 */
import { randomBytes } from 'node:crypto';
import type { DbConnection } from '../../src/db/connection.js';
import { customerModel } from '../../src/db/customers/schema.js';
import { modelFor } from '../../src/db/model.js';
import { orderModel } from '../../src/db/orders/schema.js';
import { shipmentSchema } from '../../src/db/shipments/schema.js';
import { trackingEventSchema } from '../../src/db/tracking-events/schema.js';
import type { OrderRecord } from '../../src/db/orders/order-record.js';
import { createTrackingViewRepository } from '../../src/db/tracking-views/repository.js';
import { trackingViewSchema } from '../../src/db/tracking-views/schema.js';
import { buildViewDocument } from '../../src/db/tracking-views/view-document.js';
import { simulatorTrackingNumber } from '../../src/carriers/tracking-number/index.js';
import { shipmentWorkflowId } from '../../src/domain/ids.js';
import { forEachLimited } from './orders.js';
import { progress } from './report.js';
import { seededRandom } from '../../src/util/seeded-random.js';

const BATCH = 1_000;
/** Batches written at once: the server takes concurrent writers, and a lone batch leaves it waiting on us. */
const BATCHES_IN_FLIGHT = 3;
const HOUR = 3_600_000;
const CARRIERS = ['ups', 'fedex', 'dhl', 'usps', 'simulator'] as const;
/** Scan places the bundled gazetteer knows, so the page's map has something to draw. */
const PLACES = [
  { city: 'Portland', region: 'OR', country: 'US' },
  { city: 'Chicago', region: 'IL', country: 'US' },
  { city: 'Istanbul', country: 'TR' },
  { city: 'Berlin', country: 'DE' },
  { city: 'Paris', country: 'FR' },
];

/** A seeded order as the benchmark addresses it. */
export interface SeededOrder {
  code: string;
  trackingNumber: string;
  carrierId: string;
  /** The revision the seed wrote (the live phase projects revision + 1, + 2, …). */
  revision: number;
}

export const seededOrder = (i: number): SeededOrder => ({
  code: `TRK-${i.toString(36).padStart(6, '0')}`,
  trackingNumber: simulatorTrackingNumber(500_000_000 + i),
  carrierId: CARRIERS[i % CARRIERS.length]!,
  revision: 3,
});

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

/** Seeds `total` orders (ids 0..total-1) with their customer, shipment and events; prints progress. */
export async function seedTrackingData(connection: DbConnection, total: number, nowMs: number): Promise<{ docs: number; ms: number }> {
  const Customers = customerModel(connection);
  const Orders = orderModel(connection);
  // The same model names the projection repository registers, so both share them on one connection.
  const Shipments = modelFor(connection, 'Shipment', shipmentSchema);
  const Events = modelFor(connection, 'TrackingEvent', trackingEventSchema);
  const Views = modelFor(connection, 'TrackingView', trackingViewSchema);
  const views = createTrackingViewRepository(connection);
  // As the service's autoIndex does: an index the server refuses (FerretDB 1.x has no partial indexes) is
  // reported and the others are kept.
  for (const model of [Customers, Orders, Shipments, Events, Views] as const) {
    await (model.init() as Promise<unknown>).catch((err: unknown) => console.log(`  [seed] ${model.modelName}: an index was refused: ${err instanceof Error ? err.message : String(err)}`));
  }

  const random = seededRandom(22);
  const started = performance.now();
  let docs = 0;
  let lastPrint = started;
  const starts = Array.from({ length: Math.ceil(total / BATCH) }, (_, k) => k * BATCH);
  let written = 0;
  await forEachLimited(starts, BATCHES_IN_FLIGHT, async (start) => {
    const customers: object[] = [];
    const orders: object[] = [];
    const shipments: object[] = [];
    const events: object[] = [];
    const viewDocs: ReturnType<typeof buildViewDocument>[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const o = seededOrder(i);
      const placedAt = nowMs - (30 + random() * 60) * HOUR;
      const pickedUp = placedAt + 20 * HOUR;
      const inTransit = pickedUp + 8 * HOUR;
      const arrived = inTransit + 10 * HOUR;
      const place = (k: number) => PLACES[(i + k) % PLACES.length]!;
      const customer = new Customers({ email: `customer-${i}@example.com`, name: `Bench Customer ${i}`, ...(i % 2 === 0 ? { phone: '+15555550100' } : {}) });
      customers.push(customer);
      const eta = { date: day(placedAt + 96 * HOUR), earliest: day(placedAt + 72 * HOUR), latest: day(placedAt + 120 * HOUR), source: 'prior' as const };
      const order = {
        code: o.code,
        customerId: customer._id,
        items: [{ sku: 'SKU-1', name: 'Widget', quantity: 1 + (i % 3), weightGrams: 300 }],
        shippingAddress: { line1: '1 Main St', city: place(2).city, postalCode: '97201', country: place(2).country },
        carrierId: o.carrierId,
        trackingNumber: o.trackingNumber,
        status: 'in_transit',
        milestone: 'shipped',
        estimatedDelivery: eta,
        etaAtPurchase: { ...eta, promisedDate: eta.latest },
        promisedDelivery: { date: eta.latest, source: 'shop' },
        customerTimeZone: 'America/Los_Angeles',
        notificationPreferences: { channels: ['email'], language: i % 4 === 0 ? 'tr' : 'en' },
        trackingToken: randomBytes(18).toString('base64url'),
        requestHash: randomBytes(16).toString('hex'),
        workflowId: shipmentWorkflowId(o.code),
        workflowStartedAt: new Date(placedAt + 1_000),
        revision: o.revision,
        placedAt: new Date(placedAt),
        lastEventAt: new Date(arrived),
      };
      orders.push(order);
      const shipment = {
        orderCode: o.code,
        carrierId: o.carrierId,
        trackingNumber: o.trackingNumber,
        status: 'in_transit',
        milestone: 'shipped',
        milestoneAt: { order_received: iso(placedAt), shipped: iso(pickedUp) },
        estimatedDelivery: eta,
        lastEventAt: new Date(arrived),
        lastProgressAt: new Date(arrived),
        revision: o.revision,
      };
      shipments.push(shipment);
      const orderEvents: Record<string, unknown>[] = [];
      for (const [k, [status, at, code]] of ([['picked_up', pickedUp, 'PU'], ['in_transit', inTransit, 'IT'], ['in_transit', arrived, 'AR']] as const).entries()) {
        orderEvents.push({
          orderCode: o.code,
          key: `sim:${o.code}-${code}`,
          status,
          occurredAt: iso(at),
          occurredAtUtc: new Date(at),
          description: code === 'PU' ? 'Picked up' : code === 'IT' ? 'Departed facility' : 'Arrived at facility',
          location: place(k),
          carrierCode: code,
          carrierEventId: `${o.code}-${code}`,
          source: 'webhook',
          receivedAt: new Date(at + 5_000),
        });
      }
      events.push(...orderEvents);
      // The order's tracking-view document, built by the service's own builder from the rows seeded here
      // (as the projection write and the rebuild on a miss build it from the stored ones).
      viewDocs.push(buildViewDocument({ order: order as unknown as OrderRecord, shipment, events: orderEvents, customer: customer.toObject(), feedback: null }));
    }
    await Promise.all([
      Customers.insertMany(customers, { ordered: false }),
      Orders.insertMany(orders, { ordered: false }),
      Shipments.insertMany(shipments, { ordered: false }),
      Events.insertMany(events, { ordered: false }),
      views.insertMany(viewDocs),
    ]);
    docs += customers.length + orders.length + shipments.length + events.length + viewDocs.length;
    written += orders.length;
    const now = performance.now();
    const done = written;
    if (now - lastPrint > 5_000 || done >= total) {
      lastPrint = now;
      progress(started, `seeded ${done.toLocaleString('en')} of ${total.toLocaleString('en')} orders (${docs.toLocaleString('en')} documents, ${Math.round(docs / ((now - started) / 1000)).toLocaleString('en')}/s)`);
    }
  });
  return { docs, ms: performance.now() - started };
}
