import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '../connection.js';
import { modelFor } from '../model.js';
import { toPlain } from '../to-plain.js';
import { alertSchema } from './schema.js';

export interface AlertRecord {
  key: string;
  kind: 'stalled' | 'poll_failure';
  orderCode: string;
  carrierId?: string;
  status: 'open' | 'resolved';
  openedAt: string;
  lastSeenAt: string;
  resolvedAt?: string;
  occurrences: number;
  message?: string;
  /** Set when an operator marked the (still open) alert handled. */
  handledAt?: string;
  handledBy?: string;
  handledNote?: string;
}

/** Admin alerts: stalled shipments (one per episode) and carrier poll failures (counted per order). */
export function createAlertRepository(connection: Connection) {
  const Alerts = modelFor(connection, 'Alert', alertSchema);
  return {
    /** Opens the stall alert of one episode; raising the same episode again is a no-op. */
    async raiseStall(input: { orderCode: string; carrierId: string; lastProgressAt: string; stalledSince: string; at: Date }): Promise<void> {
      try {
        await Alerts.create({
          key: `stall:${input.orderCode}:${input.lastProgressAt}`,
          kind: 'stalled',
          orderCode: input.orderCode,
          carrierId: input.carrierId,
          openedAt: input.at,
          lastSeenAt: input.at,
          message: `No carrier progress since ${input.lastProgressAt}.`,
          details: { lastProgressAt: input.lastProgressAt, stalledSince: input.stalledSince },
        });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    },

    async resolveStall(orderCode: string, lastProgressAt: string, at: Date): Promise<void> {
      await Alerts.updateOne({ key: `stall:${orderCode}:${lastProgressAt}`, status: 'open' }, { $set: { status: 'resolved', resolvedAt: at } });
    },

    /** One open poll-failure alert per order, counting occurrences until an operator resolves it. */
    async recordPollFailure(input: { orderCode: string; carrierId: string; message: string; at: Date }): Promise<void> {
      await Alerts.updateOne(
        { key: `poll:${input.orderCode}` },
        {
          $setOnInsert: { kind: 'poll_failure', orderCode: input.orderCode, carrierId: input.carrierId, openedAt: input.at },
          $set: { status: 'open', lastSeenAt: input.at, message: input.message },
          $inc: { occurrences: 1 },
        },
        { upsert: true },
      );
    },

    /**
     * Marks the newest open stall alert of an order handled by `by`; returns it after, or null when the
     * order has no open stall alert. Marking it again records the latest hand.
     */
    async markStallHandled(orderCode: string, input: { by: string; note?: string; at: Date }): Promise<AlertRecord | null> {
      const doc = await Alerts.findOneAndUpdate(
        { orderCode, kind: 'stalled', status: 'open' },
        input.note
          ? { $set: { handledAt: input.at, handledBy: input.by, handledNote: input.note } }
          : { $set: { handledAt: input.at, handledBy: input.by }, $unset: { handledNote: 1 } },
        { sort: { openedAt: -1 }, returnDocument: 'after' },
      ).lean();
      return toPlain<AlertRecord>(doc);
    },

    async list(filter: { orderCode?: string; kind?: AlertRecord['kind']; status?: AlertRecord['status'] } = {}): Promise<AlertRecord[]> {
      const docs = await Alerts.find(filter).sort({ openedAt: -1 }).limit(500).lean();
      return docs.map((d) => toPlain<AlertRecord>(d)!);
    },
  };
}

export type AlertRepository = ReturnType<typeof createAlertRepository>;
