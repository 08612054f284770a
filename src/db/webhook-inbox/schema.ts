import { Schema } from 'mongoose';

/** One tracking number of a webhook and where its relay stands. */
const deliverySchema = new Schema(
  {
    trackingNumber: { type: String, required: true },
    orderCode: String,
    /** pending: to signal; delivered: the workflow has it; unmatched: no order; closed: tracking had ended. */
    state: { type: String, enum: ['pending', 'delivered', 'unmatched', 'closed'], required: true },
  },
  { _id: false },
);

/**
 * The webhook inbox: every verified webhook is written here before the carrier gets its 2xx, then relayed
 * to the shipment workflows. `dedupeKey` drops a carrier's repeated deliveries of the same event.
 */
export const webhookInboxSchema = new Schema(
  {
    carrierId: { type: String, required: true },
    dedupeKey: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    remoteAddress: String,
    contentType: String,
    /**
     * The raw body as received (UTF-8), the reference the audit log points at; a character the store
     * refuses (U+0000) is replaced by U+FFFD here, and the exact bytes are then kept in `rawBodyExact`.
     */
    rawBody: { type: String, required: true },
    rawBodyExact: Buffer,
    /** Normalized tracking updates parsed from the body (plain JSON). */
    updates: { type: [Schema.Types.Mixed], default: [] },
    deliveries: { type: [deliverySchema], default: [] },
    /**
     * stored: just stored under the relay lease `lease` of the API process that relays it at once; it is
     * never updated after a successful relay, its receipt (webhook_relay_receipts) says so instead.
     * pending: the same, stored before relay receipts (v0.3), leased until nextAttemptAt.
     * retry: a relay attempt failed, the next is due at nextAttemptAt; relayed / unmatched: done.
     * discarded: an unmatched entry an admin set aside (never re-matched automatically; kept until retention).
     */
    status: { type: String, enum: ['stored', 'pending', 'retry', 'relayed', 'unmatched', 'discarded'], required: true, default: 'stored' },
    discardedAt: Date,
    /** E-mail or key label of who discarded it, and why. */
    discardedBy: String,
    discardReason: String,
    /** The relay lease (`<process>:<time bucket>`) a stored entry was written under. */
    lease: String,
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lastError: String,
    relayedAt: Date,
  },
  { collection: 'webhook_inbox' },
);
webhookInboxSchema.index({ dedupeKey: 1 }, { unique: true });
webhookInboxSchema.index({ status: 1, nextAttemptAt: 1 });
webhookInboxSchema.index({ 'deliveries.trackingNumber': 1, status: 1 });
webhookInboxSchema.index({ lease: 1 });

/**
 * A stored entry's successful relay, appended instead of updating the entry: on FerretDB (the stand-in
 * where no mongod can be had) an update costs about 1.1 ms of database CPU, a small insert in a batch
 * 0.03 ms, and the update was the intake's largest database cost. `_id` is the entry's.
 */
export const webhookRelayReceiptSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    lease: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    deliveries: { type: [deliverySchema], default: [] },
    relayedAt: { type: Date, required: true },
  },
  { collection: 'webhook_relay_receipts', versionKey: false },
);
webhookRelayReceiptSchema.index({ lease: 1 });

/**
 * An open relay lease: API process `owner` stores fresh entries under it during one time bucket and
 * deletes it once each of them is relayed (or handed to the retry sweep). A lease still here after
 * `expiresAt` was left by a process that died (or dropped entries under overload): any sweep then relays
 * its entries that have no receipt, and deletes it.
 */
export const webhookRelayLeaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    bucket: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'webhook_relay_leases', versionKey: false },
);
