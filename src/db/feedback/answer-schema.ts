import { Schema } from 'mongoose';

/**
 * The customer's one answer per order, claimed by insert: the unique index decides which of two
 * concurrent answers counts. (A conditional update cannot: the embedded FerretDB reads and writes back
 * documents, so two updates filtered on "no rating yet" both succeeded.) The answer is then copied onto
 * the order's `feedback` document, which reports read.
 */
export const feedbackAnswerSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    rating: { type: Number, min: 1, max: 5, required: true },
    comment: String,
    submittedAt: { type: Date, required: true },
  },
  { collection: 'feedback_answers', versionKey: false },
);
feedbackAnswerSchema.index({ orderCode: 1 }, { unique: true });
