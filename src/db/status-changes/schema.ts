import { Schema } from 'mongoose';

/** StatusChange: the append-only audit log. One entry per workflow revision that changed the status. */
export const statusChangeSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    revision: { type: Number, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    source: { type: String, enum: ['webhook', 'poll', 'manual', 'system'], required: true },
    carrierEventIds: { type: [String], default: [] },
    receivedAt: { type: Date, required: true },
    /** Reference to the raw payload: the webhook inbox entry it came from. */
    inboxId: String,
    recordedAt: { type: Date, required: true },
  },
  { collection: 'status_changes' },
);
statusChangeSchema.index({ orderCode: 1, revision: 1 }, { unique: true });
statusChangeSchema.index({ recordedAt: -1 });
// Delivery-performance reports: changes to one status (exception, returned) since a period began.
statusChangeSchema.index({ to: 1, recordedAt: 1 });
