/**
 * Orders' lives for the report rollup tests: every write the read model's writers make for one order
 * (placement, projections with exceptions and returns, a notification's end, a rating), replayable.
 */
import type { Connection } from 'mongoose';
import { createFeedbackRepository } from '../../../src/db/feedback/repository.js';
import { createNotificationRepository } from '../../../src/db/notifications/repository.js';
import { createOrderRepository } from '../../../src/db/orders/repository.js';
import type { ProjectionInput } from '../../../src/db/shipments/projection-input.js';
import { createProjectionRepository } from '../../../src/db/shipments/projection-repository.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
export const CARRIERS = ['dhl', 'ups', 'fedex'];
export const COUNTRIES = ['DE', 'US'];

/** The calls the read model's writers make for one order's life, replayable (a retry makes them again). */
export interface OrderLife {
  code: string;
  place: (c: Connection) => Promise<unknown>;
  later: ((c: Connection) => Promise<unknown>)[];
}

const iso = (t: number) => new Date(t).toISOString();

/** Where and when the lives are placed: from `start`, over `spanDays`, seen at `asOf`. */
export interface LifeWindow {
  start: number;
  spanDays: number;
  asOf: number;
  prefix?: string;
}

/** One order's life, written through the real repositories (deterministic for a given `random`). */
export function orderLife(i: number, random: () => number, w: LifeWindow): OrderLife {
  const code = `${w.prefix ?? 'RU'}-${i}`;
  const carrierId = CARRIERS[i % CARRIERS.length]!;
  // Whole minutes: the rollup's medians have a resolution of one minute.
  const minutes = (from: number, to: number) => Math.round(from + random() * (to - from)) * MIN;
  const placedAt = w.start + minutes(0, w.spanDays * 24 * 60);
  const shippedAt = placedAt + minutes(60, 30 * 60);
  const deliveredAt = shippedAt + minutes(12 * 60, 96 * 60);
  const roll = random();
  const promise = roll < 0.8 ? { date: iso(placedAt + 72 * HOUR).slice(0, 10), source: 'shop' as const } : undefined;
  const fate = deliveredAt > w.asOf ? (shippedAt > w.asOf ? 'waiting' : 'moving') : roll < 0.05 ? 'returned' : 'delivered';
  const base = { orderCode: code, carrierId, newEvents: [], eventSource: 'poll' as const, stalledSince: null };
  const projections: ProjectionInput[] = [];
  if (fate !== 'waiting') projections.push({ ...base, revision: 2, status: 'picked_up', milestone: 'shipped', milestoneAt: { shipped: iso(shippedAt) }, change: { from: 'label_created', to: 'picked_up', source: 'poll', carrierEventIds: [], receivedAt: iso(shippedAt) } });
  if (fate !== 'waiting' && roll > 0.85) projections.push({ ...base, revision: 3, status: 'exception', milestone: 'shipped', milestoneAt: { shipped: iso(shippedAt) }, change: { from: 'picked_up', to: 'exception', source: 'poll', carrierEventIds: [], receivedAt: iso(shippedAt + HOUR) } });
  if (fate === 'delivered') projections.push({ ...base, revision: 5, status: 'delivered', milestone: 'delivered', milestoneAt: { shipped: iso(shippedAt), delivered: iso(deliveredAt) }, deliveredAt: iso(deliveredAt), change: { from: 'in_transit', to: 'delivered', source: 'poll', carrierEventIds: [], receivedAt: iso(deliveredAt) } });
  if (fate === 'returned') projections.push({ ...base, revision: 5, status: 'returned_to_sender', milestone: 'shipped', milestoneAt: { shipped: iso(shippedAt) }, change: { from: 'in_transit', to: 'returned_to_sender', source: 'poll', carrierEventIds: [], receivedAt: iso(deliveredAt) } });
  const channel = i % 2 ? 'email' : 'sms';
  const key = `notify:${code}:shipped:${channel}`;
  const later: OrderLife['later'] = projections.map((p) => (c) => createProjectionRepository(c).apply(p, new Date(Date.parse(p.change!.receivedAt))));
  if (fate !== 'waiting') {
    later.push(async (c) => {
      const n = createNotificationRepository(c);
      await n.recordRequests(code, 2, [{ key, trigger: 'shipped', channel }], new Date(shippedAt));
      if (roll < 0.1) await n.markFailed(key, 'refused', new Date(shippedAt));
      else if (roll < 0.9) await n.markSent(key, `msg-${i}`, undefined, new Date(shippedAt));
    });
  }
  if (fate === 'delivered' && i % 3 === 0) {
    later.push(async (c) => {
      const f = createFeedbackRepository(c);
      await f.request(code, iso(deliveredAt), new Date(deliveredAt));
      await f.answer(code, { rating: 1 + (i % 5) }, new Date(deliveredAt + HOUR));
    });
  }
  const place = (c: Connection) =>
    createOrderRepository(c).create({
      code,
      customerId: '65f000000000000000000001',
      items: [{ sku: 'SKU-1', name: 'Mug', quantity: 1 }],
      shippingAddress: { line1: '1 Main St', city: 'Town', postalCode: '12345', country: COUNTRIES[i % COUNTRIES.length]! },
      carrierId,
      notificationPreferences: { channels: ['email'], language: 'en' },
      trackingToken: `tok-${code}`,
      requestHash: `hash-${code}`,
      workflowId: `shipment-${code}`,
      placedAt: iso(placedAt),
      ...(promise ? { promisedDelivery: promise } : {}),
    }, null);
  return { code, place, later };
}
