import { Schema } from 'mongoose';

const datesSchema = new Schema({ date: String, earliest: String, latest: String, promise: String }, { _id: false });

/**
 * One delivered order's ETA against what happened: the promise made at purchase, the purchase-time and last
 * predictions, and the actual day (customer's calendar). Accuracy per carrier and lane is read from here,
 * and `train:eta --from-db` trains on it (the stored ETA input is the purchase-time row).
 */
export const etaOutcomeSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    carrierId: { type: String, required: true },
    /** origin region → destination region (ml's lane key). */
    lane: { type: String, required: true },
    atPurchase: { type: datesSchema, required: true },
    last: { type: datesSchema, required: true },
    actualDate: { type: String, required: true },
    source: String,
    modelVersion: String,
    placedAt: { type: String, required: true },
    handedOverAt: String,
    deliveredAt: { type: String, required: true },
    /** The ETA service's purchase-time input (ml PurchaseInput). */
    input: { type: Schema.Types.Mixed, required: true },
    recordedAt: { type: Date, required: true },
    /** A labelled synthetic outcome (the dev stack's demo history): shown in accuracy, never learned from. */
    synthetic: Boolean,
  },
  { collection: 'eta_outcomes' },
);
etaOutcomeSchema.index({ orderCode: 1 }, { unique: true });
etaOutcomeSchema.index({ deliveredAt: 1 });
// A serving process's lane-history refresh reads the outcomes recorded since its last one.
etaOutcomeSchema.index({ recordedAt: 1 });
