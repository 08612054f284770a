import { Types, type Connection } from 'mongoose';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { insertIgnoringDuplicates } from '../connection.js';
import { modelFor } from '../model.js';
import { mapWithConcurrency } from '../../util/map-with-concurrency.js';
import { toEntry, type ExpiredLease, type InboxEntry, type InboxPlacement, type LeaseDocument, type ReceiptDoc, type RelayOutcome } from './inbox-entry.js';
import { hasStoreRefusedText, storeSafe } from '../store-safe-text.js';
import { createInsertBatcher, insertOneKnowingOwnId } from './insert-batcher.js';
import { webhookInboxSchema, webhookRelayLeaseSchema, webhookRelayReceiptSchema } from './schema.js';

export type { DeliveryState, ExpiredLease, InboxEntry, InboxPlacement, LeaseDocument, RelayOutcome } from './inbox-entry.js';

/**
 * Relay outcomes are saved in commands of SAVE_CHUNK statements, SAVE_CONCURRENCY commands side by side:
 * the database applies one command's statements one after another, so a large batch is split for latency.
 */
const SAVE_CHUNK = 25;
const SAVE_CONCURRENCY = 4;

/**
 * The durable webhook inbox (persistence only: the relay's leases and timings live in
 * src/services/webhook-relay). Its two hot paths (the insert before every 2xx, the relay's outcome updates)
 * go to the driver's collection directly: the documents are built here to the schema's shape, and
 * mongoose's per-document casting and validation was a third of the API's CPU under a webhook burst.
 */
export interface WebhookInboxOptions {
  batchWindowMs?: number;
  maxBatch?: number;
}

export function createWebhookInboxRepository(connection: Connection, options: WebhookInboxOptions = {}) {
  const Inbox = modelFor(connection, 'WebhookInbox', webhookInboxSchema);
  const Receipts = modelFor(connection, 'WebhookRelayReceipt', webhookRelayReceiptSchema);
  const Leases = modelFor(connection, 'WebhookRelayLease', webhookRelayLeaseSchema);
  // 2 ms is invisible next to a carrier's network latency and lets a burst share one write.
  const batcher = createInsertBatcher<Record<string, unknown>>({
    insertMany: (docs) => Inbox.collection.insertMany(docs, { ordered: false }),
    insertOne: (doc) =>
      insertOneKnowingOwnId(
        (d) => Inbox.collection.insertOne(d as never),
        async (id) => (await Inbox.collection.countDocuments({ _id: id as never }, { limit: 1 })) > 0,
        doc as Record<string, unknown> & { _id: unknown },
      ),
    windowMs: options.batchWindowMs ?? 2,
    maxBatch: options.maxBatch ?? 100,
  });
  return {
    /** Stores a verified webhook; returns null when the same delivery was stored before (a duplicate). */
    async insert(entry: {
      carrierId: string;
      dedupeKey: string;
      receivedAt: Date;
      remoteAddress?: string;
      contentType?: string;
      rawBody: string;
      /** The body's bytes as received, kept when its text cannot be stored exactly. */
      rawBodyBytes?: Buffer;
      updates: TrackingUpdate[];
    }, placement: InboxPlacement = {}): Promise<InboxEntry | null> {
      const deliveries = entry.updates.map((u) => ({ trackingNumber: u.trackingNumber, state: 'pending' as const }));
      const lease = entry.updates.length > 0 ? placement.lease : undefined;
      const status = entry.updates.length === 0 ? ('relayed' as const) : lease ? ('stored' as const) : ('pending' as const);
      // Every field of webhookInboxSchema that has no default elsewhere, optional ones only when present.
      // Text the store refuses is escaped; the body's exact bytes are then kept beside it (see rawBodyExact).
      const inexact = hasStoreRefusedText(entry.rawBody) || (entry.rawBody.includes('\uFFFD') && !!entry.rawBodyBytes && !Buffer.from(entry.rawBody, 'utf8').equals(entry.rawBodyBytes));
      const doc = {
        _id: new Types.ObjectId(),
        carrierId: entry.carrierId,
        dedupeKey: entry.dedupeKey,
        receivedAt: entry.receivedAt,
        ...(entry.remoteAddress ? { remoteAddress: entry.remoteAddress } : {}),
        ...(entry.contentType ? { contentType: entry.contentType } : {}),
        rawBody: storeSafe(entry.rawBody),
        ...(inexact ? { rawBodyExact: entry.rawBodyBytes ?? Buffer.from(entry.rawBody, 'utf8') } : {}),
        updates: storeSafe(entry.updates),
        deliveries: storeSafe(deliveries),
        status,
        attempts: 0,
        nextAttemptAt: placement.nextAttemptAt ?? entry.receivedAt,
        ...(lease ? { lease } : {}),
        ...(status === 'relayed' ? { relayedAt: entry.receivedAt } : {}),
        __v: 0,
      };
      const outcome = await batcher.insert(doc);
      return outcome === 'duplicate' ? null : toEntry(doc);
    },

    async findById(id: string): Promise<InboxEntry | null> {
      const doc = await Inbox.findById(id).lean();
      if (!doc) return null;
      return toEntry(doc, doc.status === 'stored' ? ((await Receipts.collection.findOne({ _id: doc._id })) as ReceiptDoc | null) : undefined);
    },

    /** The relay lease documents (written before the first entry under them, so a crash loses none). */
    leaseStore: {
      /** Writes the lease document (idempotent: the same key twice is one lease). */
      open: async (lease: LeaseDocument): Promise<void> => {
        await Leases.collection.updateOne({ _id: lease._id as never }, { $setOnInsert: lease }, { upsert: true });
      },
      /** Moves an open lease's expiry later. */
      extend: async (key: string, expiresAt: Date): Promise<void> => {
        await Leases.collection.updateOne({ _id: key as never }, { $set: { expiresAt } });
      },
      close: async (key: string): Promise<void> => {
        await Leases.collection.deleteOne({ _id: key as never });
      },
    },

    /** Open leases past their expiry (the collection holds only open leases: a handful per process). */
    async expiredLeases(now: Date): Promise<ExpiredLease[]> {
      const docs = (await Leases.collection.find({}).toArray()) as unknown as LeaseDocument[];
      return docs.filter((d) => d.expiresAt.getTime() <= now.getTime()).map((d) => ({ key: d._id, owner: d.owner }));
    },

    /**
     * The entries of a lease still owed a relay: stored under it, no receipt. Reads the whole lease (up to
     * a bucket's worth of webhooks), which happens only when a process died or dropped entries.
     */
    async unrelayed(lease: string): Promise<InboxEntry[]> {
      const [docs, receipts] = await Promise.all([Inbox.find({ status: 'stored', lease }).lean(), Receipts.collection.find({ lease }, { projection: { _id: 1 } }).toArray()]);
      const relayed = new Set(receipts.map((r) => String(r._id)));
      return docs.filter((d) => !relayed.has(String(d._id))).map((d) => toEntry(d));
    },

    /** Deletes a lease a sweep has taken over (its entries relayed or handed to the retry sweep). */
    async closeLease(key: string): Promise<void> {
      await Leases.collection.deleteOne({ _id: key as never });
    },

    /**
     * Entries of one status whose next attempt is due, oldest first: `retry` for failed relays,
     * `pending` for leases that expired (the process that stored them died). Two statuses rather than
     * one, because FerretDB (the stand-in where no mongod can be had) evaluates only the equality part of
     * a filter through an index: querying failed relays must not read every fresh entry as well.
     */
    async due(status: 'retry' | 'pending', now: Date, limit: number): Promise<InboxEntry[]> {
      const docs = await Inbox.find({ status, nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(limit).lean();
      return docs.map((d) => toEntry(d));
    },

    /**
     * Sets an unmatched entry aside (an admin's decision): 'discarded', 'not_found', or 'not_unmatched'
     * when the entry exists in another state (relayed, still to relay, discarded before).
     */
    async discard(id: string, input: { by: string; reason?: string; at: Date }): Promise<'discarded' | 'not_found' | 'not_unmatched'> {
      if (!Types.ObjectId.isValid(id)) return 'not_found';
      const _id = new Types.ObjectId(id);
      const set = { status: 'discarded', discardedAt: input.at, discardedBy: input.by, ...(input.reason ? { discardReason: input.reason } : {}) };
      const result = await Inbox.updateOne({ _id, status: 'unmatched' }, { $set: set });
      if (result.modifiedCount === 1) return 'discarded';
      return (await Inbox.countDocuments({ _id }, { limit: 1 })) > 0 ? 'not_unmatched' : 'not_found';
    },

    /** Unmatched entries (newest first) for the admin list, optionally for one tracking number. */
    async unmatched(options: { trackingNumber?: string; limit: number }): Promise<InboxEntry[]> {
      const filter: Record<string, unknown> = { status: 'unmatched' };
      if (options.trackingNumber) filter['deliveries.trackingNumber'] = options.trackingNumber;
      const docs = await Inbox.find(filter).sort({ receivedAt: -1 }).limit(options.limit).lean();
      return docs.map((d) => toEntry(d));
    },

    /**
     * Saves the outcomes of a relay batch: one `update` command per chunk, each outcome its own statement
     * by _id. The statements are `updateMany` although each matches one document: FerretDB 1.x (the
     * stand-in where no mongod can be installed) keeps a single-document statement's cursor, and its
     * PostgreSQL connection, open until the whole command ends, so a command of more statements than its
     * pool has connections hangs; a multi statement reads its cursor to the end and frees it. One command
     * instead of one per outcome saves the driver's per-operation work in the API (about half a
     * millisecond of CPU each). Not an updateMany by `_id: {$in}`: FerretDB answers that by scanning.
     */
    async saveOutcomes(outcomes: RelayOutcome[], at: Date): Promise<void> {
      // A stored entry's successful relay is a receipt (an insert, a thirtieth of an update's cost).
      const receipts = outcomes.flatMap((o) =>
        o.stored && 'status' in o && o.status === 'relayed'
          ? [{ _id: new Types.ObjectId(o.id), lease: o.stored.lease, receivedAt: new Date(o.stored.receivedAt), deliveries: o.deliveries.map(({ trackingNumber, orderCode, state }) => ({ trackingNumber, ...(orderCode ? { orderCode } : {}), state })), relayedAt: at }]
          : [],
      );
      const receiptFor = new Set(receipts.map((r) => r._id.toHexString()));
      const statements = outcomes.filter((o) => !receiptFor.has(o.id)).map((o) => ({
        updateMany: {
          filter: { _id: new Types.ObjectId(o.id) },
          update:
            'retry' in o
              ? { $set: { status: 'retry', attempts: o.retry.attempts, nextAttemptAt: o.retry.nextAttemptAt, lastError: o.retry.error } }
              : { $set: { deliveries: o.deliveries.map(({ trackingNumber, orderCode, state }) => ({ trackingNumber, ...(orderCode ? { orderCode } : {}), state })), status: o.status, relayedAt: at } },
        },
      }));
      const chunks: (typeof statements)[] = [];
      for (let i = 0; i < statements.length; i += SAVE_CHUNK) chunks.push(statements.slice(i, i + SAVE_CHUNK));
      await Promise.all([
        // A receipt that exists already (a sweep relayed the entry too) is kept as it is.
        insertIgnoringDuplicates((docs) => Receipts.collection.insertMany(docs as never[], { ordered: false }), receipts),
        mapWithConcurrency(chunks, SAVE_CONCURRENCY, (chunk) => Inbox.collection.bulkWrite(chunk, { ordered: false })),
      ]);
    },

    /** Entries by the status callers see (a stored entry with a receipt counts as relayed). */
    async statusCounts(): Promise<{ total: number; pending: number; retry: number; relayed: number; unmatched: number }> {
      const [groups, receipts] = await Promise.all([
        Inbox.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }]),
        Receipts.collection.countDocuments(),
      ]);
      const of = (status: string) => groups.find((g) => g._id === status)?.n ?? 0;
      return {
        total: groups.reduce((sum, g) => sum + g.n, 0),
        pending: of('stored') - receipts + of('pending'),
        retry: of('retry'),
        relayed: of('relayed') + receipts,
        unmatched: of('unmatched'),
      };
    },

    /** Per relayed entry received from `since` on, ms from its receipt by the API to its relay being recorded (benchmarks). */
    async relayLagsMs(since = new Date(0)): Promise<number[]> {
      const [updated, receipts] = await Promise.all([
        Inbox.find({ status: 'relayed', receivedAt: { $gte: since } }, { receivedAt: 1, relayedAt: 1 }).lean(),
        Receipts.collection.find({ receivedAt: { $gte: since } }, { projection: { receivedAt: 1, relayedAt: 1 } }).toArray(),
      ]);
      return [...updated, ...receipts].flatMap((d) => (d.receivedAt && d.relayedAt ? [(d.relayedAt as Date).getTime() - (d.receivedAt as Date).getTime()] : []));
    },
  };
}

export type WebhookInboxRepository = ReturnType<typeof createWebhookInboxRepository>;
