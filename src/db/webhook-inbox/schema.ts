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
    /** The raw body as received (UTF-8), the reference the audit log points at. */
    rawBody: { type: String, required: true },
    /** Normalized tracking updates parsed from the body (plain JSON). */
    updates: { type: [Schema.Types.Mixed], default: [] },
    deliveries: { type: [deliverySchema], default: [] },
    /**
     * pending: just stored, leased (until nextAttemptAt) to the API process that relays it at once;
     * retry: a relay attempt failed, the next is due at nextAttemptAt; relayed / unmatched: done.
     */
    status: { type: String, enum: ['pending', 'retry', 'relayed', 'unmatched'], required: true, default: 'pending' },
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
