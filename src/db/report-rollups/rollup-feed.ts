import type { Connection } from 'mongoose';
import { promiseDeadline, promiseOf } from '../reports/promise.js';
import { utcDay, type Bucket, type Contribution } from './contribution.js';
import { createReportRollupRepository } from './repository.js';

type Doc = Record<string, unknown>;

const ORDER_FIELDS = { _id: 0, code: 1, carrierId: 1, placedAt: 1, 'shippingAddress.country': 1, promisedDelivery: 1, estimatedDelivery: 1 };
/** An order's bucket and `placed` fact as a writer remembers them; `placedStored`: this process stored the fact. */
interface OrderFacts {
  bucket: Bucket;
  placed: Contribution;
  placedStored?: boolean;
}

/** Orders whose bucket this process remembers (a bucket never changes): most writes skip the look-up. */
const CACHE_SIZE = 20_000;

/** An order's bucket and its `placed` contribution, from its stored document. */
export function placedOf(doc: Doc): { bucket: Bucket; placed: Contribution } | undefined {
  const placedAt = doc.placedAt instanceof Date ? doc.placedAt.getTime() : typeof doc.placedAt === 'string' ? Date.parse(doc.placedAt) : NaN;
  if (typeof doc.code !== 'string' || typeof doc.carrierId !== 'string' || Number.isNaN(placedAt)) return undefined;
  const country = (doc.shippingAddress as Doc | undefined)?.country;
  const d = promiseDeadline(promiseOf(doc));
  return {
    bucket: { day: utcDay(placedAt), carrierId: doc.carrierId, country: typeof country === 'string' ? country : '' },
    placed: { k: 'placed', o: doc.code, t: placedAt, ...(d !== undefined ? { d } : {}) },
  };
}

/** What a projection contributes: the order's state at its revision, and an exception or return. */
export function projectionContributions(p: { orderCode: string; revision: number; status: string; deliveredAt?: string; milestoneAt?: { shipped?: string }; change?: { to: string } }): Contribution[] {
  const dl = p.deliveredAt ? Date.parse(p.deliveredAt) : NaN;
  const sh = p.milestoneAt?.shipped ? Date.parse(p.milestoneAt.shipped) : NaN;
  const out: Contribution[] = [{ k: 'state', o: p.orderCode, r: p.revision, s: p.status, ...(Number.isNaN(dl) ? {} : { dl }), ...(Number.isNaN(sh) ? {} : { sh }) }];
  const to = p.change?.to;
  if (to === 'exception' || to === 'returned_to_sender') out.push({ k: 'change', o: p.orderCode, to });
  return out;
}

/**
 * Feeds the report rollup from the read model's writers (order intake, projection, notification ends,
 * feedback answers). A process's first call for an order contributes the order's `placed` fact beside the
 * new ones (a unique key, so a no-op when intake stored it): an order whose intake died between its insert
 * and its contribution joins the rollup with its first projection. Later calls send only their own.
 */
export function createRollupFeed(connection: Connection) {
  const rollup = createReportRollupRepository(connection);
  const known = new Map<string, OrderFacts>();

  /** `read`: the order as the caller has just read it (one read fewer), when it has. */
  async function orderFacts(orderCode: string, read?: object): Promise<OrderFacts | undefined> {
    const cached = known.get(orderCode);
    if (cached) return cached;
    const doc = (read as Doc | undefined) ?? (await connection.db!.collection('orders').findOne({ code: orderCode }, { projection: ORDER_FIELDS }));
    const facts = doc ? placedOf(doc) : undefined;
    if (facts) {
      if (known.size >= CACHE_SIZE) known.delete(known.keys().next().value!);
      known.set(orderCode, facts);
    }
    return facts;
  }

  async function feed(orderCode: string, items: Contribution[], read?: object): Promise<void> {
    const facts = await orderFacts(orderCode, read);
    // No order (a webhook's shipment never placed here): nothing to report on.
    if (!facts) return;
    // The `placed` fact once per order and process: after that it is stored (inserted or already there), and
    // sending it again with every event was an insert the store refused as a duplicate, at FerretDB's and
    // PostgreSQL's cost (an aborted insert each) and the driver's (a bulk write error to read).
    await rollup.contribute(facts.bucket, facts.placedStored ? items : [facts.placed, ...items]);
    facts.placedStored = true;
  }

  return {
    /** A new order (its stored document). */
    async placed(order: Doc): Promise<void> {
      const facts = placedOf(order);
      if (facts) await rollup.contribute(facts.bucket, [facts.placed]);
    },
    /** `order`: the order as the projection's ETA revision read it, if it did. */
    projected: (p: Parameters<typeof projectionContributions>[0], order?: object) => feed(p.orderCode, projectionContributions(p), order),
    notificationEnded: (n: { key: string; orderCode: string; channel: string }, status: 'sent' | 'failed') =>
      feed(n.orderCode, [{ k: 'notify', o: n.orderCode, n: n.key, ch: n.channel, st: status }]),
    rated: (orderCode: string, rating: number) => feed(orderCode, [{ k: 'rating', o: orderCode, v: rating }]),
  };
}

export type RollupFeed = ReturnType<typeof createRollupFeed>;
