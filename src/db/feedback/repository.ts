import type { Connection } from 'mongoose';
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

    async find(orderCode: string) {
      return Feedback.findOne({ orderCode }).lean();
    },
  };
}
