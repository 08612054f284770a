import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '../connection.js';
import { modelFor } from '../model.js';
import { feedbackAnswerSchema } from './answer-schema.js';
import { feedbackSchema } from './schema.js';
import { createRollupFeed } from '../report-rollups/rollup-feed.js';
import { createViewChangeRepository } from '../view-changes/repository.js';
import { createTrackingViewRepository } from '../tracking-views/repository.js';

/** Feedback requests and answers, one per delivered order. */
export function createFeedbackRepository(connection: Connection) {
  const Feedback = modelFor(connection, 'Feedback', feedbackSchema);
  const Answers = modelFor(connection, 'FeedbackAnswer', feedbackAnswerSchema);
  const rollupFeed = createRollupFeed(connection);
  const viewChanges = createViewChangeRepository(connection);
  const views = createTrackingViewRepository(connection);
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
     * Records the customer's answer once (the first of concurrent answers wins) and copies the winning
     * answer onto the feedback document. Returns false when an answer had been given already; a repeat
     * also redoes the copy, so an answer claimed by a request that failed before copying is not lost.
     */
    async answer(orderCode: string, answer: { rating: number; comment?: string }, at: Date): Promise<boolean> {
      const mine = { orderCode, rating: answer.rating, submittedAt: at, ...(answer.comment ? { comment: answer.comment } : {}) };
      let claimed = true;
      // The unique index is the guard: make sure it is built (once per process; at once afterwards).
      await Answers.init();
      try {
        await Answers.collection.insertOne({ ...mine });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        claimed = false;
      }
      const winner = claimed ? mine : await Answers.collection.findOne({ orderCode }, { projection: { _id: 0 } });
      if (!winner) throw new Error(`feedback answer of ${orderCode} vanished`);
      const set = { rating: winner.rating, submittedAt: winner.submittedAt, ...(winner.comment ? { comment: winner.comment } : {}) };
      const copy = () => Feedback.collection.updateOne({ orderCode }, { $set: set, $setOnInsert: { orderCode, requestedAt: at } }, { upsert: true });
      try {
        await copy();
      } catch (err) {
        // Two first copies raced to create the document: the second now finds it.
        if (!isDuplicateKeyError(err)) throw err;
        await copy();
      }
      // The tracking page shows the answer: on the order's view, and every process's cached view is dropped.
      await views.setFeedback(orderCode, { rating: winner.rating as number, ...(winner.comment ? { comment: winner.comment as string } : {}) });
      await viewChanges.note(orderCode, 'feedback');
      // The report rollup: the order's rating (one per order, like the answer).
      await rollupFeed.rated(orderCode, winner.rating as number);
      return claimed;
    },

    async find(orderCode: string) {
      return Feedback.findOne({ orderCode }).lean();
    },
  };
}
