import { Schema } from 'mongoose';

/** Feedback: one request per delivered order, answered later from the tracking page. */
export const feedbackSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    deliveredAt: Date,
    rating: { type: Number, min: 1, max: 5 },
    comment: String,
    submittedAt: Date,
  },
  { collection: 'feedback' },
);
feedbackSchema.index({ orderCode: 1 }, { unique: true });
// Delivery-performance reports: feedback requested since a period began.
feedbackSchema.index({ requestedAt: 1 });
