import type { Connection } from 'mongoose';
import { bucketId, type Bucket, type Contribution } from './contribution.js';
import { createReportRollupRepository } from './repository.js';
import { placedOf } from './rollup-feed.js';
import { createReportFolder } from './report-folder.js';

type Doc = Record<string, unknown>;
const BATCH = 5_000;
const ms = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN);

/** An order's `placed` and current `state` contributions from its stored document (and its shipment's hand-off). */
export function orderContributions(doc: Doc, shippedAt: number | undefined): { bucket: Bucket; items: Contribution[] } | undefined {
  const facts = placedOf(doc);
  if (!facts) return undefined;
  const dl = ms(doc.deliveredAt);
  const state: Contribution = { k: 'state', o: doc.code as string, r: typeof doc.revision === 'number' ? doc.revision : 0, s: doc.status as string, ...(Number.isNaN(dl) ? {} : { dl }), ...(shippedAt !== undefined ? { sh: shippedAt } : {}) };
  return { bucket: facts.bucket, items: [facts.placed, state] };
}

/** The hand-off time a shipment document records, if any. */
export const shippedAtOf = (shipment: Doc): number | undefined => {
  const t = ms((shipment.milestoneAt as Doc | undefined)?.shipped);
  return Number.isNaN(t) ? undefined : t;
};

/**
 * Builds the report rollup from the read model as it stands: every order's `placed` and current `state`
 * (at its stored revision), its exception and return changes, ended notifications and rating, inserted
 * under the same keys the live writers use (so whatever they contributed already is skipped, and a second
 * run adds nothing), then every day's buckets re-folded from all their contributions and their day, week
 * and month rows derived. Safe beside live writers and the folder: every fold folds every contribution
 * stored before it, so once the backfill and the folder's next round have ended each row is exact. Until
 * then a report may be short.
 */
export async function backfillReportRollups(connection: Connection, progress: (line: string) => void = () => {}): Promise<{ contributions: number; buckets: number }> {
  const db = connection.db!;
  const rollup = createReportRollupRepository(connection);
  await rollup.ensureIndexes();
  const buckets = new Map<string, Bucket>();
  let pending: { bucket: Bucket; c: Contribution }[] = [];
  let written = 0;
  const flush = async (force = false) => {
    if (pending.length < BATCH && !(force && pending.length)) return;
    const items = pending;
    pending = [];
    await rollup.insertMany(items);
    written += items.length;
  };
  const add = async (bucket: Bucket, c: Contribution) => {
    pending.push({ bucket, c });
    await flush();
  };

  progress('reading shipments (hand-off times)…');
  const shipped = new Map<string, number>();
  for await (const s of db.collection('shipments').find({}, { projection: { _id: 0, orderCode: 1, 'milestoneAt.shipped': 1 } })) {
    const t = shippedAtOf(s);
    if (t !== undefined) shipped.set(s.orderCode as string, t);
  }

  progress(`reading orders (${shipped.size.toLocaleString('en')} shipments handed over)…`);
  const orderFields = { _id: 0, code: 1, carrierId: 1, placedAt: 1, 'shippingAddress.country': 1, promisedDelivery: 1, estimatedDelivery: 1, status: 1, deliveredAt: 1, revision: 1 };
  let orders = 0;
  for await (const doc of db.collection('orders').find({}, { projection: orderFields })) {
    const facts = orderContributions(doc, shipped.get(doc.code as string));
    if (!facts) continue;
    buckets.set(doc.code as string, facts.bucket);
    for (const c of facts.items) await add(facts.bucket, c);
    if (++orders % 100_000 === 0) progress(`orders: ${orders.toLocaleString('en')} (${(written + pending.length).toLocaleString('en')} contributions)`);
  }
  shipped.clear();

  progress(`${orders.toLocaleString('en')} orders; reading exceptions, returns, notifications and ratings…`);
  for (const to of ['exception', 'returned_to_sender'] as const) {
    for await (const c of db.collection('status_changes').find({ to }, { projection: { _id: 0, orderCode: 1 } })) {
      const bucket = buckets.get(c.orderCode as string);
      if (bucket) await add(bucket, { k: 'change', o: c.orderCode as string, to });
    }
  }
  for (const st of ['sent', 'failed'] as const) {
    for await (const n of db.collection('notifications').find({ status: st }, { projection: { _id: 0, key: 1, orderCode: 1, channel: 1 } })) {
      const bucket = buckets.get(n.orderCode as string);
      if (bucket) await add(bucket, { k: 'notify', o: n.orderCode as string, n: n.key as string, ch: n.channel as string, st });
    }
  }
  for await (const f of db.collection('feedback').find({}, { projection: { _id: 0, orderCode: 1, rating: 1 } })) {
    const bucket = buckets.get(f.orderCode as string);
    if (bucket && typeof f.rating === 'number') await add(bucket, { k: 'rating', o: f.orderCode as string, v: f.rating });
  }
  await flush(true);

  const days = [...new Set([...buckets.values()].map((b) => b.day))].sort();
  const bucketCount = new Set([...buckets.values()].map(bucketId)).size;
  buckets.clear();
  progress(`${written.toLocaleString('en')} contributions inserted; folding ${bucketCount.toLocaleString('en')} buckets over ${days.length} days…`);
  let folded = 0;
  for (const [i, day] of days.entries()) {
    folded += await rollup.daily.refoldDay(day);
    if ((i + 1) % 10 === 0 || i === days.length - 1) progress(`folded ${i + 1} of ${days.length} days (${folded.toLocaleString('en')} buckets, up to ${day})`);
  }
  progress(`deriving the day, week and month rows of ${days.length} days…`);
  const periodRows = await createReportFolder(connection, { owner: 'backfill' }).derive(days);
  progress(`derived ${periodRows.toLocaleString('en')} day, week and month rows`);
  return { contributions: written, buckets: folded };
}

