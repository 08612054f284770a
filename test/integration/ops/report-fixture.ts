import type { Connection } from 'mongoose';

/**
 * A small, hand-checked data set for the delivery-performance report (see the expected figures in
 * delivery-performance-report.test.ts). Period: the week of Monday 2026-11-02, judged at 2026-11-12.
 * Orders A5 and A6 lie outside the period; their shipments, notifications, feedback and status changes
 * must not count.
 */
export const PERIOD = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-09T00:00:00Z') };
export const AS_OF = new Date('2026-11-12T00:00:00Z');

const d = (iso: string) => new Date(iso);

interface FixtureOrder {
  code: string;
  carrierId: string;
  country: string;
  placedAt: string;
  status: string;
  deliveredAt?: string;
  shippedAt?: string;
  promisedDelivery?: { date?: string; latest?: string; source: string };
  estimatedDelivery?: { date: string; source: string };
}

const ORDERS: FixtureOrder[] = [
  { code: 'A1', carrierId: 'dhl', country: 'DE', placedAt: '2026-11-02T10:00:00Z', status: 'delivered', shippedAt: '2026-11-02T22:00:00Z', deliveredAt: '2026-11-04T10:00:00Z', promisedDelivery: { date: '2026-11-04', source: 'shop' } },
  { code: 'A2', carrierId: 'dhl', country: 'DE', placedAt: '2026-11-02T12:00:00Z', status: 'delivered', shippedAt: '2026-11-03T12:00:00Z', deliveredAt: '2026-11-06T12:00:00Z', promisedDelivery: { date: '2026-11-05', latest: '2026-11-05T18:00:00Z', source: 'shop' } },
  { code: 'A3', carrierId: 'dhl', country: 'FR', placedAt: '2026-11-03T08:00:00Z', status: 'in_transit', shippedAt: '2026-11-03T20:00:00Z', promisedDelivery: { date: '2026-11-06', source: 'shop' } },
  { code: 'A4', carrierId: 'ups', country: 'DE', placedAt: '2026-11-03T09:00:00Z', status: 'delivered', shippedAt: '2026-11-04T09:00:00Z', deliveredAt: '2026-11-04T21:00:00Z' },
  { code: 'A5', carrierId: 'ups', country: 'DE', placedAt: '2026-11-09T00:00:00Z', status: 'delivered', shippedAt: '2026-11-09T06:00:00Z', deliveredAt: '2026-11-10T00:00:00Z', promisedDelivery: { date: '2026-11-09', source: 'shop' } },
  { code: 'A6', carrierId: 'ups', country: 'US', placedAt: '2026-11-01T23:59:00Z', status: 'exception' },
  { code: 'A7', carrierId: 'ups', country: 'US', placedAt: '2026-11-05T10:00:00Z', status: 'returned_to_sender', shippedAt: '2026-11-05T20:00:00Z', promisedDelivery: { date: '2026-11-08', source: 'shop' } },
  { code: 'A8', carrierId: 'ups', country: 'DE', placedAt: '2026-11-06T10:00:00Z', status: 'order_received', promisedDelivery: { date: '2026-11-20', source: 'shop' } },
  // A carrier's estimate is no purchase promise: A9's on-time is n/a.
  { code: 'A9', carrierId: 'dhl', country: 'DE', placedAt: '2026-11-08T23:00:00Z', status: 'delivered', shippedAt: '2026-11-09T11:00:00Z', deliveredAt: '2026-11-10T23:00:00Z', estimatedDelivery: { date: '2026-11-11', source: 'carrier' } },
  // The shop's estimate, never overwritten, is the promise when `promisedDelivery` is absent.
  { code: 'A10', carrierId: 'dhl', country: 'DE', placedAt: '2026-11-04T00:00:00Z', status: 'delivered', shippedAt: '2026-11-04T12:00:00Z', deliveredAt: '2026-11-05T12:00:00Z', estimatedDelivery: { date: '2026-11-05', source: 'shop' } },
];

/** Writes the data set with the driver (the report reads only these fields). */
export async function seedReportFixture(connection: Connection): Promise<void> {
  const db = connection.db!;
  await db.collection('orders').insertMany(
    ORDERS.map((o) => ({
      code: o.code,
      carrierId: o.carrierId,
      shippingAddress: { line1: '1 Main St', city: 'Town', postalCode: '12345', country: o.country },
      placedAt: d(o.placedAt),
      status: o.status,
      ...(o.deliveredAt ? { deliveredAt: d(o.deliveredAt) } : {}),
      ...(o.promisedDelivery ? { promisedDelivery: o.promisedDelivery } : {}),
      ...(o.estimatedDelivery ? { estimatedDelivery: o.estimatedDelivery } : {}),
    })),
  );
  await db.collection('shipments').insertMany(
    ORDERS.filter((o) => o.shippedAt).map((o) => ({
      orderCode: o.code,
      carrierId: o.carrierId,
      status: o.status,
      milestoneAt: { shipped: o.shippedAt, ...(o.deliveredAt ? { delivered: o.deliveredAt } : {}) },
      ...(o.deliveredAt ? { deliveredAt: d(o.deliveredAt) } : {}),
    })),
  );
  const change = (orderCode: string, to: string, at: string, revision: number) => ({ orderCode, to, from: 'in_transit', revision, source: 'poll', receivedAt: d(at), recordedAt: d(at) });
  await db.collection('status_changes').insertMany([
    change('A1', 'exception', '2026-11-03T06:00:00Z', 3),
    change('A1', 'in_transit', '2026-11-03T09:00:00Z', 4),
    change('A3', 'exception', '2026-11-04T06:00:00Z', 3),
    change('A3', 'exception', '2026-11-05T06:00:00Z', 4),
    change('A6', 'exception', '2026-11-02T06:00:00Z', 2),
    change('A7', 'returned_to_sender', '2026-11-07T06:00:00Z', 5),
  ]);
  const note = (orderCode: string, channel: string, status: string, at: string, trigger = 'shipped') => ({
    key: `notify:${orderCode}:${trigger}:${channel}`,
    orderCode,
    trigger,
    channel,
    status,
    requestedAt: d(at),
  });
  await db.collection('notifications').insertMany([
    note('A1', 'email', 'sent', '2026-11-02T22:01:00Z'),
    note('A1', 'sms', 'failed', '2026-11-02T22:01:00Z'),
    note('A2', 'email', 'sent', '2026-11-03T12:01:00Z'),
    note('A2', 'email', 'requested', '2026-11-06T12:01:00Z', 'delivered'),
    note('A3', 'sms', 'sent', '2026-11-03T20:01:00Z'),
    note('A4', 'push', 'sent', '2026-11-04T09:01:00Z'),
    note('A5', 'email', 'sent', '2026-11-09T06:01:00Z'),
  ]);
  const rate = (orderCode: string, at: string, rating?: number) => ({ orderCode, requestedAt: d(at), ...(rating ? { rating, submittedAt: d(at) } : {}) });
  await db.collection('feedback').insertMany([
    rate('A1', '2026-11-04T10:00:00Z', 5),
    rate('A2', '2026-11-06T12:00:00Z', 2),
    rate('A4', '2026-11-04T21:00:00Z', 4),
    rate('A9', '2026-11-10T23:00:00Z'),
    rate('A5', '2026-11-10T00:00:00Z', 1),
  ]);
}
