import type { Connection } from 'mongoose';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { modelFor } from '../model.js';
import { toPlain } from '../to-plain.js';
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
  status: 'pending' | 'relayed' | 'unmatched';
  attempts: number;
  lastError?: string;
}

const toEntry = (doc: unknown): InboxEntry => {
  const plain = toPlain<Omit<InboxEntry, 'id'>>(doc)!;
  return { id: String((doc as { _id: unknown })._id), ...plain, updates: plain.updates ?? [], deliveries: plain.deliveries ?? [] };
};

/** One relay outcome: where each delivery stands now, or a retry after Temporal could not be reached. */
export type RelayOutcome =
  | { id: string; deliveries: InboxEntry['deliveries']; status: InboxEntry['status'] }
  | { id: string; retry: { attempts: number; nextAttemptAt: Date; error: string } };

/**
 * How long a fresh entry belongs to the API process that stored it (which relays it at once) before a
 * sweep of any process may take it: a process that dies between the 2xx and the relay loses nothing.
 */
export const RELAY_LEASE_MS = 30_000;

/** The durable webhook inbox. */
export function createWebhookInboxRepository(connection: Connection, options: { batchWindowMs?: number; maxBatch?: number; relayLeaseMs?: number } = {}) {
  const Inbox = modelFor(connection, 'WebhookInbox', webhookInboxSchema);
  // 2 ms is invisible next to a carrier's network latency and lets a burst share one write.
  const batcher = createInsertBatcher<InstanceType<typeof Inbox>>({
    insertMany: (docs) => Inbox.insertMany(docs, { ordered: false }),
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
      const doc = new Inbox({
        ...entry,
        deliveries: entry.updates.map((u) => ({ trackingNumber: u.trackingNumber, state: 'pending' })),
        status: entry.updates.length > 0 ? 'pending' : 'relayed',
        nextAttemptAt: new Date(entry.receivedAt.getTime() + (options.relayLeaseMs ?? RELAY_LEASE_MS)),
      });
      const outcome = await batcher.insert(doc);
      return outcome === 'duplicate' ? null : toEntry(doc.toObject());
    },

    async findById(id: string): Promise<InboxEntry | null> {
      const doc = await Inbox.findById(id).lean();
      return doc ? toEntry(doc) : null;
    },

    /** Pending entries whose next attempt is due, oldest first. */
    async due(now: Date, limit: number): Promise<InboxEntry[]> {
      const docs = await Inbox.find({ status: 'pending', nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(limit).lean();
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
     * Saves the outcomes of a relay batch, one update by _id after the other. Not one bulkWrite: FerretDB
     * 1.x (the stand-in where no mongod can be installed) wedges the whole database when a multi-statement
     * update meets concurrent inserts, and one writer at a time is what SQLite wants anyway.
     */
    async saveOutcomes(outcomes: RelayOutcome[], at: Date): Promise<void> {
      for (const o of outcomes) {
        await Inbox.updateOne(
          { _id: o.id },
          'retry' in o
            ? { $set: { attempts: o.retry.attempts, nextAttemptAt: o.retry.nextAttemptAt, lastError: o.retry.error } }
            : { $set: { deliveries: o.deliveries, status: o.status, ...(o.status === 'pending' ? {} : { relayedAt: at }) } },
        );
      }
    },
  };
}

export type WebhookInboxRepository = ReturnType<typeof createWebhookInboxRepository>;
