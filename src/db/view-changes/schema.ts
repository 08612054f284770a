import { Schema } from 'mongoose';

/**
 * One small document per change to what an order's tracking view shows that comes without a new revision
 * (the customer's notification preferences, a feedback answer). The tracking-view caches of every API
 * process read the entries written since their last poll (beside the views' own write stamps, which carry the revisions) and drop
 * their copy of the order; an hour's retention covers any poll that catches up after a database outage.
 */
export const viewChangeSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    /** What changed ('preferences' | 'feedback'), for whoever reads the collection by hand. */
    kind: { type: String, required: true },
    /** When the writer wrote it (its clock); the caches read by it. */
    writtenAt: { type: Date, required: true },
    /** `writtenAt`'s whole second: the caches read by equality on it (see ../written-since.ts). */
    writtenSecond: { type: Number },
  },
  { collection: 'view_changes', versionKey: false },
);
viewChangeSchema.index({ writtenAt: 1 });
viewChangeSchema.index({ writtenSecond: 1 });
