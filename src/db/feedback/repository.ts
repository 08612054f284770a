import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '../connection.js';
import { modelFor } from '../model.js';
import { feedbackSchema } from './schema.js';

/** Feedback requests and answers, one per delivered order. */
export function createFeedbackRepository(connection: Connection) {
  const Feedback = modelFor(connection, 'Feedback', feedbackSchema);
  return {
    /** Idempotent: requesting feedback twice for one order keeps the first request. */
    async request(orderCode: string, deliveredAt: string, at: Date): Promise<void> {
      await Feedback.updateOne(
        { orderCode },
        { $setOnInsert: { orderCode, requestedAt: at, deliveredAt: new Date(deliveredAt) } },
        { upsert: true },
      );
    },

    /**
     * Records the customer's answer once: only a document without a rating takes one (created when the
     * delivery's request has not been written yet). Returns false when an answer was already given.
     */
    async answer(orderCode: string, answer: { rating: number; comment?: string }, at: Date): Promise<boolean> {
      const set = { rating: answer.rating, submittedAt: at, ...(answer.comment ? { comment: answer.comment } : {}) };
      try {
        const result = await Feedback.updateOne(
          { orderCode, rating: { $exists: false } },
          { $set: set, $setOnInsert: { orderCode, requestedAt: at } },
          { upsert: true },
        );
        return result.modifiedCount + result.upsertedCount === 1;
      } catch (err) {
        // The upsert met the unique orderCode: the order's feedback exists and has its rating already.
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
    },

    async find(orderCode: string) {
      return Feedback.findOne({ orderCode }).lean();
    },
  };
}
