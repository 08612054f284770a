import { Types, type Connection } from 'mongoose';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { modelFor } from '../model.js';
import { toPlain } from '../to-plain.js';
import { mapWithConcurrency } from '../../util/map-with-concurrency.js';
import { createInsertBatcher } from './insert-batcher.js';
import { webhookInboxSchema } from './schema.js';

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
  status: 'pending' | 'retry' | 'relayed' | 'unmatched';
  attempts: number;
  lastError?: string;
}

const toEntry = (doc: unknown): InboxEntry => {
  const plain = toPlain<Omit<InboxEntry, 'id'>>(doc)!;
  return { id: String((doc as { _id: unknown })._id), ...plain, updates: plain.updates ?? [], deliveries: plain.deliveries ?? [] };
};

/** One relay outcome: where each delivery stands now, or a retry after Temporal could not be reached. */
export type RelayOutcome =
  | { id: string; deliveries: InboxEntry['deliveries']; status: 'relayed' | 'unmatched' }
  | { id: string; retry: { attempts: number; nextAttemptAt: Date; error: string } };

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
export function createWebhookInboxRepository(connection: Connection, options: { batchWindowMs?: number; maxBatch?: number; relayLeaseMs?: number } = {}) {
  const Inbox = modelFor(connection, 'WebhookInbox', webhookInboxSchema);
  // 2 ms is invisible next to a carrier's network latency and lets a burst share one write.
  const batcher = createInsertBatcher<Record<string, unknown>>({
    insertMany: (docs) => Inbox.collection.insertMany(docs, { ordered: false }),
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
      updates: TrackingUpdate[];
    }): Promise<InboxEntry | null> {
      const deliveries = entry.updates.map((u) => ({ trackingNumber: u.trackingNumber, state: 'pending' as const }));
      const status = entry.updates.length > 0 ? ('pending' as const) : ('relayed' as const);
      // Every field of webhookInboxSchema that has no default elsewhere, optional ones only when present.
      const doc = {
        _id: new Types.ObjectId(),
        carrierId: entry.carrierId,
        dedupeKey: entry.dedupeKey,
        receivedAt: entry.receivedAt,
        ...(entry.remoteAddress ? { remoteAddress: entry.remoteAddress } : {}),
        ...(entry.contentType ? { contentType: entry.contentType } : {}),
        rawBody: entry.rawBody,
        updates: entry.updates,
        deliveries,
        status,
        attempts: 0,
        nextAttemptAt: new Date(entry.receivedAt.getTime() + (options.relayLeaseMs ?? RELAY_LEASE_MS)),
        ...(status === 'relayed' ? { relayedAt: entry.receivedAt } : {}),
        __v: 0,
      };
      return (await batcher.insert(doc)) === 'duplicate' ? null : toEntry(doc);
    },

    async findById(id: string): Promise<InboxEntry | null> {
      const doc = await Inbox.findById(id).lean();
      return doc ? toEntry(doc) : null;
    },

    /**
     * Entries of one status whose next attempt is due, oldest first: `retry` for failed relays,
     * `pending` for leases that expired (the process that stored them died). Two statuses rather than
     * one, because FerretDB (the stand-in where no mongod can be had) evaluates only the equality part of
     * a filter through an index: querying failed relays must not read every fresh entry as well.
     */
    async due(status: 'retry' | 'pending', now: Date, limit: number): Promise<InboxEntry[]> {
      const docs = await Inbox.find({ status, nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(limit).lean();
      return docs.map(toEntry);
    },

    /** Unmatched entries (newest first) for the admin list, optionally for one tracking number. */
    async unmatched(options: { trackingNumber?: string; limit: number }): Promise<InboxEntry[]> {
      const filter: Record<string, unknown> = { status: 'unmatched' };
      if (options.trackingNumber) filter['deliveries.trackingNumber'] = options.trackingNumber;
      const docs = await Inbox.find(filter).sort({ receivedAt: -1 }).limit(options.limit).lean();
      return docs.map(toEntry);
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
      const statements = outcomes.map((o) => ({
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
      await mapWithConcurrency(chunks, SAVE_CONCURRENCY, (chunk) => Inbox.collection.bulkWrite(chunk, { ordered: false }));
    },
  };
}

export type WebhookInboxRepository = ReturnType<typeof createWebhookInboxRepository>;
