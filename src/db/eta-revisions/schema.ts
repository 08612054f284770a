import { Schema } from 'mongoose';

const datesSchema = new Schema({ date: String, earliest: String, latest: String, arrivesBy: String }, { _id: false });

/**
 * ETA revisions that moved the date ("new date"), one per order revision, with the reason: what the
 * tracking page and notifications say about a changed estimate, and the history support reads.
 */
export const etaRevisionSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    /** The workflow revision whose projection carried it (the idempotency key with the order code). */
    revision: { type: Number, required: true },
    stage: { type: String, required: true },
    reasonCode: { type: String, required: true },
    reason: { type: String, required: true },
    /** When the progress behind it happened (ISO instant). */
    at: { type: String, required: true },
    from: { type: datesSchema, required: true },
    to: { type: datesSchema, required: true },
    carrierDate: String,
    source: String,
    modelVersion: String,
    recordedAt: { type: Date, required: true },
  },
  { collection: 'eta_revisions' },
);
etaRevisionSchema.index({ orderCode: 1, revision: 1 }, { unique: true });
