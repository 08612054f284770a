import { randomBytes } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { insertIgnoringDuplicates } from '../connection.js';
import { modelFor } from '../model.js';
import { toPlain } from '../to-plain.js';
import { mapWithConcurrency } from '../../util/map-with-concurrency.js';
import { hasStoreRefusedText, storeSafe } from '../store-safe-text.js';
import { createInsertBatcher, insertOneKnowingOwnId } from './insert-batcher.js';
import { createLeaseBook } from './lease-book.js';
import { webhookInboxSchema, webhookRelayLeaseSchema, webhookRelayReceiptSchema } from './schema.js';

export type DeliveryState = 'pending' | 'delivered' | 'unmatched' | 'closed';

export interface InboxEntry {
  id: string;
  carrierId: string;
  dedupeKey: string;
  receivedAt: string;
  remoteAddress?: string;
  rawBody: string;
  updates: TrackingUpdate[];
  deliveries: { trackingNumber: string; orderCode?: string; state: DeliveryState }[];
  /** pending: still to relay (fresh, or its process died); retry: after a failed attempt; relayed / unmatched: done. */
  status: 'pending' | 'retry' | 'relayed' | 'unmatched';
  attempts: number;
  lastError?: string;
  relayedAt?: string;
  /** The relay lease it was stored under, while its relay is recorded by a receipt rather than on itself. */
  lease?: string;
}

interface ReceiptDoc {
  _id: Types.ObjectId;
  lease: string;
  receivedAt: Date;
  deliveries: InboxEntry['deliveries'];
  relayedAt: Date;
}

/** An entry as callers see it: a stored entry is `pending` until its receipt says relayed. */
const toEntry = (doc: unknown, receipt?: ReceiptDoc | null): InboxEntry => {
  // The exact bytes (rare, see the schema) stay in the store: callers read the text.
  const { rawBodyExact: _exact, ...stored } = doc as Record<string, unknown>;
  const { status, ...plain } = toPlain<Omit<InboxEntry, 'id' | 'status'> & { status: InboxEntry['status'] | 'stored' }>(stored)!;
  const entry: InboxEntry = {
    id: String((doc as { _id: unknown })._id),
    ...plain,
    status: status === 'stored' ? 'pending' : status,
    updates: plain.updates ?? [],
    deliveries: plain.deliveries ?? [],
  };
  if (status !== 'stored') delete entry.lease;
  if (status === 'stored' && receipt) {
    const { lease: _lease, ...relayed } = entry;
    return { ...relayed, status: 'relayed', deliveries: toPlain<{ d: InboxEntry['deliveries'] }>({ d: receipt.deliveries })!.d, relayedAt: receipt.relayedAt.toISOString() };
  }
  return entry;
};

/**
 * One relay outcome: where each delivery stands now, or a retry after Temporal could not be reached.
 * `stored`: the entry's lease and receipt time while it is stored and unrelayed (see `storedPart`); its
 * successful relay is then appended as a receipt instead of updating the entry.
 */
export type RelayOutcome = { id: string; stored?: { lease: string; receivedAt: string } } & (
  | { deliveries: InboxEntry['deliveries']; status: 'relayed' | 'unmatched' }
  | { retry: { attempts: number; nextAttemptAt: Date; error: string } }
);

/** What a relay outcome carries for an entry that is still stored (pending, under a lease). */
export const storedPart = (entry: InboxEntry): Pick<RelayOutcome, 'stored'> =>
  entry.status === 'pending' && entry.lease ? { stored: { lease: entry.lease, receivedAt: entry.receivedAt } } : {};

/** An open lease past its expiry: its process died, or dropped entries under overload. */
export interface ExpiredLease {
  key: string;
  /** This process's own (it closes it itself once every entry is settled). */
  own: boolean;
}

/**
 * How long a fresh entry belongs to the API process that stored it (which relays it at once) before a
 * sweep of any process may take it: a process that dies between the 2xx and the relay loses nothing.
 */
export const RELAY_LEASE_MS = 30_000;

/**
 * Relay outcomes are saved in commands of SAVE_CHUNK statements, SAVE_CONCURRENCY commands side by side:
 * the database applies one command's statements one after another, so a large batch is split for latency.
 */
const SAVE_CHUNK = 25;
const SAVE_CONCURRENCY = 4;

/**
 * The durable webhook inbox. Its two hot paths (the insert before every 2xx, the relay's outcome updates)
 * go to the driver's collection directly: the documents are built here to the schema's shape, and
 * mongoose's per-document casting and validation was a third of the API's CPU under a webhook burst.
 */
export interface WebhookInboxOptions {
  batchWindowMs?: number;
  maxBatch?: number;
  relayLeaseMs?: number;
  /**
   * Whose leases this repository stores under (default: a fresh owner, one per process). A relay thread's
   * repository takes its process's, so the leases of the entries it relays count as its own.
   */
  leaseOwner?: string;
  /** Told which leased entries a save settled (a relay thread reports them to the process holding the leases). */
  onSettled?: (items: { lease: string; id: string }[]) => void;
}

export function createWebhookInboxRepository(connection: Connection, options: WebhookInboxOptions = {}) {
  const Inbox = modelFor(connection, 'WebhookInbox', webhookInboxSchema);
  const Receipts = modelFor(connection, 'WebhookRelayReceipt', webhookRelayReceiptSchema);
  const Leases = modelFor(connection, 'WebhookRelayLease', webhookRelayLeaseSchema);
  const leaseMs = options.relayLeaseMs ?? RELAY_LEASE_MS;
  // This repository's process; a restart is a new owner, whose predecessor's leases expire and are swept.
  const owner = options.leaseOwner ?? randomBytes(6).toString('hex');
  const leases = createLeaseBook({
    owner,
    leaseMs,
    store: {
      open: async (lease) => {
        await Leases.collection.updateOne({ _id: lease._id as never }, { $setOnInsert: lease }, { upsert: true });
      },
      extend: async (key, expiresAt) => {
        await Leases.collection.updateOne({ _id: key as never }, { $set: { expiresAt } });
      },
      close: async (key) => {
        await Leases.collection.deleteOne({ _id: key as never });
      },
    },
  });
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
    }): Promise<InboxEntry | null> {
      const deliveries = entry.updates.map((u) => ({ trackingNumber: u.trackingNumber, state: 'pending' as const }));
      const status = entry.updates.length > 0 ? ('stored' as const) : ('relayed' as const);
      const lease = status === 'stored' ? await leases.claim() : undefined;
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
        nextAttemptAt: new Date(entry.receivedAt.getTime() + leaseMs),
        ...(lease ? { lease } : {}),
        ...(status === 'relayed' ? { relayedAt: entry.receivedAt } : {}),
        __v: 0,
      };
      let outcome: 'inserted' | 'duplicate';
      try {
        outcome = await batcher.insert(doc);
      } catch (err) {
        if (lease) leases.abandoned(lease);
        throw err;
      }
      if (lease) {
        if (outcome === 'inserted') leases.stored(lease, doc._id.toHexString());
        else leases.abandoned(lease);
      }
      return outcome === 'duplicate' ? null : toEntry(doc);
    },

    async findById(id: string): Promise<InboxEntry | null> {
      const doc = await Inbox.findById(id).lean();
      if (!doc) return null;
      return toEntry(doc, doc.status === 'stored' ? ((await Receipts.collection.findOne({ _id: doc._id })) as ReceiptDoc | null) : undefined);
    },

    /** Deletes this process's leases whose entries are all relayed; `final` once it stores no more. */
    releaseLeases(final = false): Promise<number> {
      return leases.release(final);
    },

    /** Extends this process's leases whose unsettled entries its relay still owes (see the lease book). */
    renewLeases(owed: (id: string) => boolean): Promise<number> {
      return leases.renew(owed);
    },

    /** Open leases past their expiry (the collection holds only open leases: a handful per process). */
    async expiredLeases(now: Date): Promise<ExpiredLease[]> {
      const docs = (await Leases.collection.find({}).toArray()) as unknown as { _id: string; expiresAt: Date }[];
      return docs.filter((d) => d.expiresAt.getTime() <= now.getTime()).map((d) => ({ key: d._id, own: d._id.startsWith(`${owner}:`) }));
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
      const settled = outcomes.flatMap((o) => (o.stored ? [{ lease: o.stored.lease, id: o.id }] : []));
      leases.settled(settled);
      if (settled.length > 0) options.onSettled?.(settled);
    },

    /** The lease owner this repository stores under (for a relay thread's repository). */
    leaseOwner: owner,

    /** Entries settled elsewhere (by this process's relay thread): this process owes them nothing. */
    settle(items: { lease: string; id: string }[]): void {
      leases.settled(items);
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
