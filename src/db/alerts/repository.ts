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
  /** Stall: `{lastProgressAt, stalledSince}`; poll failures: `{episode}` once operators were alerted. */
  details?: { lastProgressAt?: string; stalledSince?: string; episode?: string };
  /** The carrier whose outage holds this alert back from operators (see the schema). */
  heldByOutage?: string;
}

/** How many open alerts one carrier's outage holds back, of one kind. */
export interface HeldAlertCount {
  carrierId: string;
  kind: AlertRecord['kind'];
  count: number;
}

const stallKey = (orderCode: string, lastProgressAt: string) => `stall:${orderCode}:${lastProgressAt}`;
const pollKey = (orderCode: string) => `poll:${orderCode}`;

/** Admin alerts: stalled shipments (one per episode) and carrier poll failures (one run of failures at a time). */
export function createAlertRepository(connection: Connection) {
  const Alerts = modelFor(connection, 'Alert', alertSchema);
  const byKey = async (key: string) => toPlain<AlertRecord>(await Alerts.findOne({ key }).lean());
  return {
    /**
     * Opens the stall alert of one episode (held when `heldBy` names a carrier in outage); raising it again
     * is a no-op. Answers the alert as stored: the one just written, or the first raise's (a retried
     * activity), whose hold is what decides whether operators are told.
     */
    async raiseStall(input: { orderCode: string; carrierId: string; lastProgressAt: string; stalledSince: string; at: Date; heldBy?: string }): Promise<AlertRecord> {
      const key = stallKey(input.orderCode, input.lastProgressAt);
      try {
        const created = await Alerts.create({
          key,
          kind: 'stalled',
          orderCode: input.orderCode,
          carrierId: input.carrierId,
          openedAt: input.at,
          lastSeenAt: input.at,
          message: `No carrier progress since ${input.lastProgressAt}.`,
          details: { lastProgressAt: input.lastProgressAt, stalledSince: input.stalledSince },
          ...(input.heldBy ? { heldByOutage: input.heldBy } : {}),
        });
        return toPlain<AlertRecord>(created.toObject())!;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        // Raised before: only then is it read back.
        const existing = await byKey(key);
        if (!existing) throw err;
        return existing;
      }
    },

    /** Resolves the episode; answers the alert as it now is (null if it was never raised). */
    async resolveStall(orderCode: string, lastProgressAt: string, at: Date): Promise<AlertRecord | null> {
      const key = stallKey(orderCode, lastProgressAt);
      await Alerts.updateOne({ key, status: 'open' }, { $set: { status: 'resolved', resolvedAt: at } });
      return byKey(key);
    },

    /**
     * Counts a failed poll on the order's poll-failure alert. A run of failures after a resolved one starts
     * afresh (new `openedAt`, count 1, operators not told yet).
     */
    async recordPollFailure(input: { orderCode: string; carrierId: string; message: string; at: Date }): Promise<void> {
      const key = pollKey(input.orderCode);
      await Alerts.updateOne(
        { key, status: 'resolved' },
        { $set: { status: 'open', openedAt: input.at, occurrences: 0 }, $unset: { resolvedAt: 1, details: 1, heldByOutage: 1 } },
      );
      await Alerts.updateOne(
        { key },
        {
          $setOnInsert: { kind: 'poll_failure', orderCode: input.orderCode, carrierId: input.carrierId, openedAt: input.at },
          $set: { status: 'open', lastSeenAt: input.at, message: input.message },
          $inc: { occurrences: 1 },
        },
        { upsert: true },
      );
    },

    /** Operators are (or, with `heldBy`, would have been) told of this run of failures: episode `episode`. */
    async markPollEpisode(orderCode: string, episode: string, heldBy?: string): Promise<void> {
      await Alerts.updateOne({ key: pollKey(orderCode), status: 'open' }, { $set: { 'details.episode': episode, ...(heldBy ? { heldByOutage: heldBy } : {}) } });
    },

    /** Polls work again for the order: resolves its open run of failures; answers the alert as it now is. */
    async resolvePollFailures(orderCode: string, at: Date): Promise<AlertRecord | null> {
      const key = pollKey(orderCode);
      await Alerts.updateOne({ key, status: 'open' }, { $set: { status: 'resolved', resolvedAt: at } });
      return byKey(key);
    },

    /** Open alerts held back by an outage of `carrierId`. */
    async listHeld(carrierId: string): Promise<AlertRecord[]> {
      const docs = await Alerts.find({ heldByOutage: carrierId, status: 'open' }).sort({ openedAt: 1 }).lean();
      return docs.map((d) => toPlain<AlertRecord>(d)!);
    },

    /** Held alerts per carrier and kind (open ones), for the carrier-health page. */
    async countHeld(): Promise<HeldAlertCount[]> {
      const docs = await Alerts.find({ heldByOutage: { $exists: true }, status: 'open' }).select({ heldByOutage: 1, kind: 1 }).lean();
      // One row per (carrier, kind), keyed by the pair itself.
      const rows = new Map<string, HeldAlertCount>();
      for (const { heldByOutage, kind } of docs) {
        const carrierId = heldByOutage ?? '';
        const key = JSON.stringify([carrierId, kind]);
        const row = rows.get(key) ?? { carrierId, kind, count: 0 };
        row.count += 1;
        rows.set(key, row);
      }
      return [...rows.values()];
    },

    /** Ends the hold of an open alert: true for the one caller that released it (who tells operators). */
    async release(key: string, carrierId: string): Promise<boolean> {
      const res = await Alerts.updateOne({ key, status: 'open', heldByOutage: carrierId }, { $unset: { heldByOutage: 1 } });
      return res.modifiedCount > 0;
    },

    /** Closes a held alert without telling operators (its shipment ended while the carrier was down). */
    async dropHeld(key: string, carrierId: string, at: Date): Promise<void> {
      await Alerts.updateOne({ key, status: 'open', heldByOutage: carrierId }, { $set: { status: 'resolved', resolvedAt: at } });
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
