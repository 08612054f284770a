/**
 * A synthetic read model for bench:reports: N orders with one shipment each, placed over `days` days
 * before `end`, about 1 notification per order, feedback for a third of the deliveries, exceptions and
 * returns as status changes. Deterministic (seeded PRNG), written with unordered bulk inserts.
 */
import type { DbConnection } from '../../src/db/connection.js';
import type { Bucket, Contribution } from '../../src/db/report-rollups/contribution.js';
import { orderContributions, shippedAtOf } from '../../src/db/report-rollups/backfill.js';
import type { ReportRollupRepository } from '../../src/db/report-rollups/repository.js';
import { progress } from './report.js';
import { seededRandom } from '../../src/util/seeded-random.js';

export const BENCH_CARRIERS = ['dhl', 'ups', 'fedex', 'usps', 'carrier-sim'] as const;
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'NL', 'CA'];
const HOUR = 3_600_000;
/** Orders per round of inserts (about 3.4 documents and 3.5 contributions each): big batches, few round trips. */
const BATCH = 20_000;

interface Batch {
  orders: object[];
  shipments: object[];
  statusChanges: object[];
  notifications: object[];
  feedback: object[];
}

function makeBatch(start: number, count: number, end: number, days: number, random: () => number): Batch {
  const b: Batch = { orders: [], shipments: [], statusChanges: [], notifications: [], feedback: [] };
  for (let i = start; i < start + count; i++) {
    const code = `BENCH-${i.toString(36).padStart(7, '0')}`;
    const carrierId = BENCH_CARRIERS[i % BENCH_CARRIERS.length]!;
    const placedAt = end - random() * days * 24 * HOUR;
    const shippedAt = placedAt + (4 + random() * 30) * HOUR;
    const deliveredAt = shippedAt + (20 + random() * 100) * HOUR;
    const promised = new Date(placedAt + 96 * HOUR).toISOString().slice(0, 10);
    const roll = random();
    const status = deliveredAt > end ? (shippedAt > end ? 'in_preparation' : 'in_transit') : roll < 0.02 ? 'returned_to_sender' : 'delivered';
    const delivered = status === 'delivered';
    b.orders.push({
      code,
      carrierId,
      shippingAddress: { line1: '1 Bench St', city: 'Bench', postalCode: '00000', country: COUNTRIES[i % COUNTRIES.length] },
      placedAt: new Date(placedAt),
      status,
      milestone: delivered ? 'delivered' : 'shipped',
      promisedDelivery: { date: promised, source: 'shop' },
      ...(delivered ? { deliveredAt: new Date(deliveredAt) } : {}),
    });
    const milestoneAt: Record<string, string> = {};
    if (shippedAt <= end) milestoneAt.shipped = new Date(shippedAt).toISOString();
    if (delivered) milestoneAt.delivered = new Date(deliveredAt).toISOString();
    b.shipments.push({ orderCode: code, carrierId, status, milestone: delivered ? 'delivered' : 'shipped', milestoneAt, ...(delivered ? { deliveredAt: new Date(deliveredAt) } : {}), revision: 5 });
    const at = (t: number) => new Date(Math.min(t, end));
    if (roll > 0.95 || status === 'returned_to_sender') {
      const to = status === 'returned_to_sender' ? 'returned_to_sender' : 'exception';
      b.statusChanges.push({ orderCode: code, revision: 3, from: 'in_transit', to, source: 'poll', receivedAt: at(shippedAt + HOUR), recordedAt: at(shippedAt + HOUR) });
    }
    const channel = i % 3 === 0 ? 'sms' : i % 7 === 0 ? 'push' : 'email';
    b.notifications.push({ key: `notify:${code}:shipped:${channel}`, orderCode: code, trigger: 'shipped', channel, status: roll < 0.03 ? 'failed' : 'sent', requestedAt: at(shippedAt) });
    if (delivered && i % 3 === 0) b.feedback.push({ orderCode: code, requestedAt: new Date(deliveredAt), rating: 1 + Math.floor(random() * 5) });
  }
  return b;
}

/**
 * The rollup contributions of a seeded batch, built from its documents by the backfill's own functions
 * (what the backfill would read back from the collections), so a large run need not read them back.
 */
function batchContributions(b: Batch): { bucket: Bucket; c: Contribution }[] {
  const out: { bucket: Bucket; c: Contribution }[] = [];
  const buckets = new Map<string, Bucket>();
  const shipped = new Map((b.shipments as Record<string, unknown>[]).map((s) => [s.orderCode as string, shippedAtOf(s)]));
  for (const order of b.orders as Record<string, unknown>[]) {
    const facts = orderContributions(order, shipped.get(order.code as string));
    if (!facts) continue;
    buckets.set(order.code as string, facts.bucket);
    for (const c of facts.items) out.push({ bucket: facts.bucket, c });
  }
  for (const s of b.statusChanges as { orderCode: string; to: 'exception' | 'returned_to_sender' }[]) out.push({ bucket: buckets.get(s.orderCode)!, c: { k: 'change', o: s.orderCode, to: s.to } });
  for (const n of b.notifications as { key: string; orderCode: string; channel: string; status: 'sent' | 'failed' }[]) out.push({ bucket: buckets.get(n.orderCode)!, c: { k: 'notify', o: n.orderCode, n: n.key, ch: n.channel, st: n.status } });
  for (const f of b.feedback as { orderCode: string; rating: number }[]) out.push({ bucket: buckets.get(f.orderCode)!, c: { k: 'rating', o: f.orderCode, v: f.rating } });
  return out;
}

/**
 * Seeds `total` orders/shipments (and their side collections), printing progress; with `rollup`, also each
 * batch's rollup contributions (folded afterwards by the caller).
 */
export async function seedReportData(connection: DbConnection, total: number, end: number, days: number, rollup?: ReportRollupRepository): Promise<{ docs: number; ms: number }> {
  const db = connection.db!;
  const random = seededRandom(24);
  const started = performance.now();
  let docs = 0;
  let lastPrint = started;
  for (let start = 0; start < total; start += BATCH) {
    const batch = makeBatch(start, Math.min(BATCH, total - start), end, days, random);
    await Promise.all([
      db.collection('orders').insertMany(batch.orders, { ordered: false }),
      db.collection('shipments').insertMany(batch.shipments, { ordered: false }),
      batch.statusChanges.length ? db.collection('status_changes').insertMany(batch.statusChanges, { ordered: false }) : undefined,
      db.collection('notifications').insertMany(batch.notifications, { ordered: false }),
      batch.feedback.length ? db.collection('feedback').insertMany(batch.feedback, { ordered: false }) : undefined,
      rollup?.insertMany(batchContributions(batch)),
    ]);
    docs += batch.orders.length + batch.shipments.length + batch.statusChanges.length + batch.notifications.length + batch.feedback.length;
    const now = performance.now();
    if (now - lastPrint > 5_000 || start + BATCH >= total) {
      lastPrint = now;
      const done = Math.min(start + BATCH, total);
      progress(started, `seeded ${done.toLocaleString('en')} of ${total.toLocaleString('en')} shipments (${docs.toLocaleString('en')} documents, ${Math.round(docs / ((now - started) / 1000)).toLocaleString('en')}/s)`);
    }
  }
  return { docs, ms: performance.now() - started };
}
