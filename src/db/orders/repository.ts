import type { Connection } from 'mongoose';
import type { ShipmentStatus } from '../../domain/shipment-status.js';
import { TERMINAL_STATUSES } from '../../domain/status-rank.js';
import { isDuplicateKeyError } from '../connection.js';
import { definedFields } from '../defined-fields.js';
import { toPlain } from '../to-plain.js';
import type { NewOrder, NotificationPreferencesRecord, OrderEtaState, OrderProjection, OrderRecord, RelayTarget } from './order-record.js';
import { orderModel } from './schema.js';
import { createRollupFeed } from '../report-rollups/rollup-feed.js';
import { createViewChangeRepository } from '../view-changes/repository.js';
import { createTrackingViewRepository, type ViewCustomer } from '../tracking-views/repository.js';

/** Raised when an order with the same code or idempotency key exists already. */
export class DuplicateOrderError extends Error {
  constructor(readonly existing: OrderRecord) {
    super(`order ${existing.code} exists already`);
    this.name = 'DuplicateOrderError';
  }
}

/** The orders read model. */
export function createOrderRepository(connection: Connection) {
  const Orders = orderModel(connection);
  const rollupFeed = createRollupFeed(connection);
  const viewChanges = createViewChangeRepository(connection);
  const views = createTrackingViewRepository(connection);
  const byCode = async (code: string) => toPlain<OrderRecord>(await Orders.findOne({ code }).lean());

  /**
   * The rule for the order of a tracking number: the newest order of the first of `carrierIds` that has
   * one (a webhook's own carrier, then the carrier an aggregator says it tracks), each an equality look-up
   * the index serves; `any` (the storefront's look-up with its own key) takes the newest of any carrier.
   * Never a carrier outside the list: one carrier's credential must not move another carrier's orders.
   */
  const withTrackingNumber = async <T>(trackingNumber: string, carrierIds: readonly string[] | 'any', newest: (filter: Record<string, string>) => Promise<T | null>) => {
    if (carrierIds === 'any') return newest({ trackingNumber });
    for (const carrierId of new Set(carrierIds)) {
      const found = await newest({ trackingNumber, carrierId });
      if (found) return found;
    }
    return null;
  };

  // Whether findWithoutWorkflow has seen every order without a confirmed start, older ones included.
  let legacyChecked = false;
  return {
    /**
     * Inserts a new order; a duplicate code or idempotency key raises DuplicateOrderError with the existing
     * one. `customer`: the stored customer of `order.customerId` as the caller has it, whose contact the
     * order's tracking view shows (null: none stored).
     */
    async create(order: NewOrder, customer: ViewCustomer | null): Promise<OrderRecord> {
      let created: Record<string, unknown>;
      try {
        created = (await Orders.create({ ...order, placedAt: new Date(order.placedAt), awaitingWorkflow: true })).toObject();
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const existing =
          (order.idempotencyKey
            ? toPlain<OrderRecord>(await Orders.findOne({ idempotencyKey: order.idempotencyKey }).lean())
            : null) ?? (await byCode(order.code));
        if (!existing) throw err;
        throw new DuplicateOrderError(existing);
      }
      // The report rollup counts the order in its day's cohort (src/db/report-rollups).
      await rollupFeed.placed(created);
      const record = toPlain<OrderRecord>(created)!;
      // Its tracking view from the start (the page and the JSON look-up read only that).
      await views.created(record, customer);
      return record;
    },

    findByCode: byCode,

    /**
     * The status of each of these orders that exists (a code may repeat): one equality read of one field
     * per distinct code, one after the other, which the unique `code` index serves. Not a single `$in`
     * read: FerretDB 1.24 pushes no `$in` (nor `$or`) down to PostgreSQL and answers it by reading the
     * whole collection (on the test server, 50 codes among 20,000 orders: 1.5 s by `$in`, 72 ms as 50
     * equality reads, load average 10).
     */
    async statusesByCode(codes: readonly string[]): Promise<Map<string, ShipmentStatus>> {
      const statuses = new Map<string, ShipmentStatus>();
      for (const code of new Set(codes)) {
        const doc = await Orders.collection.findOne({ code }, { projection: { _id: 0, status: 1 } });
        if (doc) statuses.set(code, doc.status as ShipmentStatus);
      }
      return statuses;
    },

    async findByTrackingToken(token: string): Promise<OrderRecord | null> {
      return toPlain<OrderRecord>(await Orders.findOne({ trackingToken: token }).lean());
    },

    /** An order of this carrier under this tracking number whose tracking has not ended, if any. */
    async findOpenByTrackingNumber(carrierId: string, trackingNumber: string): Promise<{ code: string } | null> {
      const doc = await Orders.collection.findOne(
        { trackingNumber, carrierId, status: { $nin: TERMINAL_STATUSES } },
        { projection: { _id: 0, code: 1 } },
      );
      return doc ? { code: doc.code as string } : null;
    },

    /** The newest order shipped under a tracking number by one of `carrierIds` (see `withTrackingNumber`). */
    async findByTrackingNumber(trackingNumber: string, carrierIds: readonly string[] | 'any'): Promise<OrderRecord | null> {
      return toPlain<OrderRecord>(await withTrackingNumber(trackingNumber, carrierIds, (filter) => Orders.findOne(filter).sort({ placedAt: -1 }).lean()));
    },

    /**
     * `findByTrackingNumber`'s order, as far as the webhook relay needs it, for every relayed webhook: the
     * driver's collection with a projection, without mongoose's document handling or the whole order
     * decoded (about a fifth of the look-up's CPU across FerretDB, PostgreSQL and the API on the stand-in).
     */
    async findRelayTarget(trackingNumber: string, carrierIds: readonly string[]): Promise<RelayTarget | null> {
      const doc = await withTrackingNumber(trackingNumber, carrierIds, (filter) =>
        Orders.collection.find(filter, { projection: { _id: 0, code: 1, workflowId: 1, workflowStartedAt: 1 } }).sort({ placedAt: -1 }).limit(1).next(),
      );
      if (!doc) return null;
      const startedAt = doc.workflowStartedAt as Date | undefined;
      return { code: doc.code as string, workflowId: doc.workflowId as string, ...(startedAt ? { workflowStartedAt: startedAt.toISOString() } : {}) };
    },

    /** The fields an ETA revision needs (read on most projections: not the whole order, through the driver). */
    async findEtaState(code: string): Promise<OrderEtaState | null> {
      const fields = { _id: 0, code: 1, carrierId: 1, revision: 1, placedAt: 1, shippingAddress: 1, estimatedDelivery: 1, promisedDelivery: 1, etaInput: 1, etaAtPurchase: 1 };
      return toPlain<OrderEtaState>(await Orders.collection.findOne({ code }, { projection: fields }));
    },

    /** Also on the order's tracking view, and noted as a view change: every API process's cached view of the order is dropped. */
    async setNotificationPreferences(code: string, prefs: NotificationPreferencesRecord): Promise<void> {
      await Orders.updateOne({ code }, { $set: { notificationPreferences: prefs } });
      await views.setPreferences(code, prefs, new Date());
      await viewChanges.note(code, 'preferences');
    },

    async markWorkflowStarted(code: string, at: Date): Promise<void> {
      await Orders.updateOne({ code, workflowStartedAt: { $exists: false } }, { $set: { workflowStartedAt: at }, $unset: { awaitingWorkflow: 1 } });
    },

    /**
     * Orders whose workflow start has not been confirmed yet (Temporal was down when they came in). The
     * first call of a process also finds orders stored before `awaitingWorkflow` existed.
     */
    async findWithoutWorkflow(limit: number): Promise<OrderRecord[]> {
      const filter = legacyChecked ? { awaitingWorkflow: true } : { workflowStartedAt: { $exists: false } };
      const docs = await Orders.find(filter).sort({ placedAt: 1 }).limit(limit).lean();
      if (docs.length < limit) legacyChecked = true;
      return docs.map((d) => toPlain<OrderRecord>(d)!);
    },

    /**
     * Applies a workflow projection only if it is newer than what is stored (monotonic guard), so a
     * replayed or reordered projection can never move the page backwards. Returns whether it applied and,
     * with `returnOrder`, the order as written (the revision's messages are decided from it; a revision
     * without messages does not pay for the document's transfer and conversion).
     *
     * A projection also proves that the order's workflow runs, so it records that too (the earliest time
     * stays): the API's own `markWorkflowStarted` races the workflow's first projection, and FerretDB 1.x
     * (the stand-in where no mongod can be had) writes back the whole document it read, so one of two
     * concurrent updates of an order is lost. Whichever survives now says the workflow started.
     */
    async applyProjection(code: string, projection: OrderProjection, recordedAt: Date, returnOrder = false): Promise<{ applied: boolean; order?: OrderRecord }> {
      const set: Record<string, unknown> = {};
      const unset: Record<string, ''> = { awaitingWorkflow: '' };
      for (const [key, value] of Object.entries(projection)) {
        if (value === undefined) continue;
        if (value === null) unset[key] = '';
        else if (/At$/.test(key)) set[key] = new Date(value as string);
        else set[key] = typeof value === 'object' && !Array.isArray(value) ? definedFields(value) : value;
      }
      // Through the driver's collection (the values are cast above, `updatedAt` is the schema's timestamp):
      // every accepted carrier event runs this, and mongoose's update casting was CPU the worker needs.
      const filter = { code, revision: { $lt: projection.revision } };
      const update = { $set: { ...set, updatedAt: new Date() }, $unset: unset, $min: { workflowStartedAt: recordedAt } };
      if (!returnOrder) return { applied: (await Orders.collection.updateOne(filter, update)).modifiedCount === 1 };
      // The order as written comes back with the write: no read of its own for the messages.
      const written = toPlain<OrderRecord>(await Orders.collection.findOneAndUpdate(filter, update, { returnDocument: 'after' }));
      return written ? { applied: true, order: written } : { applied: false };
    },

    /** "My Orders": newest first, with a cursor on placedAt for paging. */
    async listByCustomer(customerId: string, options: { limit: number; before?: string }): Promise<OrderRecord[]> {
      const filter: Record<string, unknown> = { customerId };
      if (options.before) filter.placedAt = { $lt: new Date(options.before) };
      const docs = await Orders.find(filter).sort({ placedAt: -1 }).limit(options.limit).lean();
      return docs.map((d) => toPlain<OrderRecord>(d)!);
    },
  };
}

export type OrderRepository = ReturnType<typeof createOrderRepository>;
