import type { Connection } from 'mongoose';
import type { NotificationRequest } from '../../domain/notification-policy.js';
import { insertCombined } from '../insert-combiner.js';
import { modelFor } from '../model.js';
import { toPlain } from '../to-plain.js';
import { notificationSchema } from './schema.js';
import { createRollupFeed } from '../report-rollups/rollup-feed.js';

/** Where a request stands: `requested → sending → sent | failed | skipped`. */
export type NotificationStatus = 'requested' | 'sending' | 'sent' | 'failed' | 'skipped';

/** Whether a request has its end (sent, failed or skipped): nothing more is done for it. */
export function isEnded(status: string): boolean {
  return status === 'sent' || status === 'failed' || status === 'skipped';
}

/** One recorded notification request (the log entry of one message). */
export interface NotificationRecord {
  key: string;
  orderCode: string;
  trigger: string;
  channel: 'email' | 'sms' | 'push';
  status: NotificationStatus;
  requestedAt: string;
  attempts: number;
  sentAt?: string;
  providerMessageId?: string;
  error?: string;
  /** Failed on a provider's permanent answer: a send that runs again (a retried write) fails it over again. */
  permanentFailure?: boolean;
  reason?: string;
  deliveryState?: string;
  deliveryError?: string;
  notBefore?: string;
  failoverOf?: string;
}

/**
 * How a request is recorded when its first decision is already made (the read-model write that sends):
 * skipped with the reason, held until `notBefore`, or `sending` with its first attempt counted. The same
 * states the later updates would set, in the insert itself.
 */
export type InitialRequestState = { status: 'skipped'; reason: string } | { status: 'requested'; notBefore: Date } | { status: 'sending' };

/** The notification log; its unique key is the idempotency guard for every message. */
export function createNotificationRepository(connection: Connection) {
  const Notifications = modelFor(connection, 'Notification', notificationSchema);
  const set = (key: string, fields: Record<string, unknown>, at: Date) =>
    Notifications.collection.updateOne({ key }, { $set: { ...fields, updatedAt: at } });
  /** Stores a delivery state (and `extra`) unless the SMS holds one of `notBelow`; true when stored. */
  const advance = async (providerMessageId: string, next: string, notBelow: readonly string[], deliveryError: string | undefined, at: Date, extra: Record<string, unknown>) => {
    const result = await Notifications.collection.updateOne(
      { providerMessageId, deliveryState: { $nin: [...notBelow] } },
      { $set: { deliveryState: next, updatedAt: at, ...(deliveryError ? { deliveryError } : {}), ...extra } },
    );
    return result.modifiedCount > 0;
  };
  const rollupFeed = createRollupFeed(connection);
  /** The report rollup counts a request's first end, sent or failed (src/db/report-rollups). */
  // The request's order and channel: read unless the caller has the record at hand.
  const ended = async (key: string, status: 'sent' | 'failed', known?: Pick<NotificationRecord, 'orderCode' | 'channel'>) => {
    const n = known ?? (await Notifications.collection.findOne({ key }, { projection: { _id: 0, orderCode: 1, channel: 1 } }));
    if (n) await rollupFeed.notificationEnded({ key, orderCode: n.orderCode as string, channel: n.channel as string }, status);
  };
  return {
    /**
     * Records requests in one unordered insert (a milestone often asks for email and SMS at once); ones
     * already recorded (same key) are left as they are. Returns the newly recorded keys. `initial`: the
     * state a request starts in when it is already decided (default `requested`).
     */
    async recordRequests(orderCode: string, revision: number, requests: NotificationRequest[], at: Date, initial?: ReadonlyMap<string, InitialRequestState>): Promise<string[]> {
      // Built to the schema, defaults included, for the driver's collection: a revision's writes run for
      // every accepted carrier event, and mongoose's document building is CPU the worker needs.
      const docs = requests.map((r) => {
        const state = initial?.get(r.key);
        const base = { key: r.key, orderCode, trigger: r.trigger, channel: r.channel, requestedAt: at, revision };
        if (state?.status === 'sending') return { ...base, status: 'sending', attempts: 1, updatedAt: at };
        if (state?.status === 'skipped') return { ...base, status: 'skipped', reason: state.reason, attempts: 0, updatedAt: at };
        if (state) return { ...base, status: 'requested', notBefore: state.notBefore, attempts: 0, updatedAt: at };
        return { ...base, status: 'requested', attempts: 0 };
      });
      const skipped = await insertCombined(connection, Notifications.collection, docs);
      return docs.filter((_, i) => !skipped.has(i)).map((d) => d.key);
    },

    /** Records a failover request; false when that key exists already (then nothing more happens). */
    async recordFailover(request: NotificationRequest & { orderCode: string; failoverOf: string }, at: Date): Promise<boolean> {
      const doc = { key: request.key, orderCode: request.orderCode, trigger: request.trigger, channel: request.channel, status: 'requested', requestedAt: at, attempts: 0, failoverOf: request.failoverOf };
      const skipped = await insertCombined(connection, Notifications.collection, [doc]);
      return skipped.size === 0;
    },

    async find(key: string): Promise<NotificationRecord | null> {
      return toPlain<NotificationRecord>(await Notifications.findOne({ key }).lean());
    },

    /**
     * Several requests (a revision's messages, sent by one activity), each by its key side by side: an
     * equality per key, which every MongoDB-wire server answers from the unique index (FerretDB 1.x pushes
     * no `$in` down to PostgreSQL: it would read the whole collection).
     */
    async findMany(keys: readonly string[]): Promise<NotificationRecord[]> {
      const out: NotificationRecord[] = [];
      // One after the other: FerretDB 1.24 on PostgreSQL stopped answering in the quick benchmark with more
      // operations in flight at once (its pool of 50 PostgreSQL connections, all idle, none free).
      for (const key of keys) {
        const doc = await Notifications.collection.findOne({ key }, { projection: { _id: 0, revision: 0, updatedAt: 0 } });
        if (doc) out.push(toPlain<NotificationRecord>(doc)!);
      }
      return out;
    },

    async listForOrder(orderCode: string): Promise<NotificationRecord[]> {
      const docs = await Notifications.find({ orderCode }).sort({ requestedAt: 1, key: 1 }).lean();
      return docs.map((d) => toPlain<NotificationRecord>(d)!);
    },

    async setNotBefore(key: string, notBefore: Date, at: Date): Promise<void> {
      await set(key, { notBefore }, at);
    },

    /** `sending` and one more attempt, before the provider is called (a crash after it shows as `sending`). */
    async markSending(key: string, at: Date): Promise<void> {
      await Notifications.collection.updateOne({ key, status: { $in: ['requested', 'sending'] } }, { $set: { status: 'sending', updatedAt: at }, $inc: { attempts: 1 } });
    },

    /** `known`: the request's order and channel when the caller has its record (saves the rollup's read). */
    async markSent(key: string, providerMessageId: string, deliveryState: string | undefined, at: Date, known?: Pick<NotificationRecord, 'orderCode' | 'channel'>): Promise<void> {
      await set(key, { status: 'sent', providerMessageId, sentAt: at, ...(deliveryState ? { deliveryState } : {}) }, at);
      await ended(key, 'sent', known);
    },

    /** `permanent`: the provider's answer rules out a retry (failover candidate), kept for a send that runs again. */
    async markFailed(key: string, error: string, at: Date, permanent = false): Promise<void> {
      await set(key, { status: 'failed', error, ...(permanent ? { permanentFailure: true } : {}) }, at);
      await ended(key, 'failed');
    },

    /**
     * A send that runs again found the request ended (sent or failed) by an attempt that may have stopped
     * between its status update and its report-rollup contribution: the contribution again (its key makes
     * a second one a no-op), so the report counts every end whatever failed in between. Any other status
     * (open, or skipped: no contribution) is ignored, so a caller need not check it first.
     */
    async recountEnded(request: Pick<NotificationRecord, 'key' | 'orderCode' | 'channel' | 'status'>): Promise<void> {
      if (request.status === 'sent' || request.status === 'failed') await ended(request.key, request.status, request);
    },

    /** Skipped with the reason; a request already sent or failed keeps its end. */
    async markSkipped(key: string, reason: string, at: Date): Promise<void> {
      await Notifications.collection.updateOne({ key, status: { $in: ['requested', 'sending'] } }, { $set: { status: 'skipped', reason, updatedAt: at } });
    },

    /**
     * Twilio's status callback in one indexed update: stores `deliveryState` on the SMS with this SID unless
     * it already holds `next` or a later state (`notBelow`: the states that `next` may not replace, since
     * callbacks reorder). True when it was stored.
     */
    advanceDeliveryState(providerMessageId: string, next: string, notBelow: readonly string[], deliveryError: string | undefined, at: Date): Promise<boolean> {
      return advance(providerMessageId, next, notBelow, deliveryError, at, {});
    },

    /**
     * Twilio's undelivered/failed report: the same guarded update as `advanceDeliveryState`, which also marks
     * the SMS's failover owed when `owesFailover` says this request has one, so no crash can fall between the
     * state and the mark. Returns the request's key, channel and trigger and whether a failover was marked
     * owed, when the state was stored; null when nothing changed (not ours, or a repeated or late report).
     */
    async recordUndelivered(
      providerMessageId: string,
      state: string,
      notBelow: readonly string[],
      deliveryError: string | undefined,
      at: Date,
      owesFailover: (request: Pick<NotificationRecord, 'channel' | 'trigger'>) => boolean,
    ): Promise<(Pick<NotificationRecord, 'key' | 'channel' | 'trigger'> & { failoverOwed: boolean }) | null> {
      // Read first (by the same index): channel and trigger never change, so whether a failover is owed is
      // known before the one update that stores the state.
      const doc = await Notifications.collection.findOne({ providerMessageId }, { projection: { _id: 0, key: 1, channel: 1, trigger: 1 } });
      if (!doc) return null;
      const request = { key: String(doc.key), channel: doc.channel as NotificationRecord['channel'], trigger: String(doc.trigger) };
      const failoverOwed = owesFailover(request);
      const stored = await advance(providerMessageId, state, notBelow, deliveryError, at, failoverOwed ? { failoverPending: true } : {});
      return stored ? { ...request, failoverOwed } : null;
    },

    /** Marks (or clears, once Temporal has it) an SMS whose failover is owed. */
    async setFailoverPending(key: string, pending: boolean, at: Date): Promise<void> {
      const update = pending ? { $set: { failoverPending: true, updatedAt: at } } : { $unset: { failoverPending: '' }, $set: { updatedAt: at } };
      await Notifications.collection.updateOne({ key }, update);
    },

    /** Keys of SMS whose failover is owed (oldest first), for the failover sweep. */
    async listFailoverPending(limit: number): Promise<string[]> {
      const docs = await Notifications.collection.find({ failoverPending: true }, { projection: { _id: 0, key: 1 } }).sort({ updatedAt: 1 }).limit(limit).toArray();
      return docs.map((d) => String(d.key));
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
