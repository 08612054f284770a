import { Types, type Connection } from 'mongoose';
import { isDuplicateKeyError } from '../connection.js';
import { customerModel } from '../customers/schema.js';
import { feedbackSchema } from '../feedback/schema.js';
import { modelFor } from '../model.js';
import type { EstimatedDelivery, OrderRecord } from '../orders/order-record.js';
import { orderModel } from '../orders/schema.js';
import type { ProjectionInput } from '../shipments/projection-input.js';
import { shipmentSchema } from '../shipments/schema.js';
import { toPlain } from '../to-plain.js';
import { findWrittenSince, writtenStamp } from '../written-since.js';
import { trackingEventSchema } from '../tracking-events/schema.js';
import { maskContact } from '../../domain/contact-mask.js';
import { trackingViewSchema } from './schema.js';
import { buildViewDocument, projectionViewUpdate, type TrackingViewDocument } from './view-document.js';

const NO_ID = { projection: { _id: 0 } };
/** A view as its readers get it: without the write stamp, which is the change feed's bookkeeping. */
const VIEW_FIELDS = { projection: { _id: 0, writtenAt: 0, writtenSecond: 0 } };
const customerObjectId = (id: string) => new Types.ObjectId(id);

/**
 * The orders' tracking-view documents (see schema.ts). Every write is idempotent; a projection's write is
 * guarded by the revision like the order's, so a replayed one changes nothing.
 */
export function createTrackingViewRepository(connection: Connection) {
  const Views = modelFor(connection, 'TrackingView', trackingViewSchema);
  const Orders = orderModel(connection);
  const Customers = customerModel(connection);
  const Shipments = modelFor(connection, 'Shipment', shipmentSchema);
  const Events = modelFor(connection, 'TrackingEvent', trackingEventSchema);
  const Feedback = modelFor(connection, 'Feedback', feedbackSchema);

  /** Stores a built document unless one of a newer revision is there already; whether it was stored. */
  async function save(doc: TrackingViewDocument): Promise<boolean> {
    try {
      // Stamped like a projection's update, so every process's view cache drops what it may hold of the order.
      await Views.collection.replaceOne({ orderCode: doc.orderCode, revision: { $lte: doc.revision } }, { ...doc, ...writtenStamp(new Date()) }, { upsert: true });
      return true;
    } catch (err) {
      // The filter missed a newer document and the insert hit its unique order code: keep the newer one.
      if (!isDuplicateKeyError(err)) throw err;
      return false;
    }
  }

  /** What the view copies that changes without a new revision: the order's preferences, the feedback, the customer. */
  async function readUnrevisioned(order: Pick<OrderRecord, 'code' | 'customerId'>) {
    const [prefs, feedback, customer] = await Promise.all([
      Orders.collection.findOne({ code: order.code }, { projection: { _id: 0, notificationPreferences: 1 } }),
      Feedback.collection.findOne({ orderCode: order.code }, { projection: { _id: 0, rating: 1, comment: 1 } }),
      Customers.collection.findOne({ _id: customerObjectId(order.customerId) }, { projection: { _id: 0, name: 1, email: 1, phone: 1 } }),
    ]);
    return { prefs, feedback, customer };
  }

  /**
   * Builds the order's document from its source rows and stores it; null when there is no such order.
   * A preference, feedback or contact change written while the rows were read found no document to update,
   * so those are read again once it is stored and set if they moved (their writers set the document after
   * their own write: whichever comes second sees the other's).
   */
  async function rebuild(orderCode: string): Promise<TrackingViewDocument | null> {
    const order = toPlain<OrderRecord>(await Orders.collection.findOne({ code: orderCode }));
    if (!order) return null;
    const [shipment, events, customer, feedback] = await Promise.all([
      Shipments.collection.findOne({ orderCode }, NO_ID),
      Events.collection.find({ orderCode }, NO_ID).toArray(),
      Customers.collection.findOne({ _id: customerObjectId(order.customerId) }, NO_ID),
      Feedback.collection.findOne({ orderCode }, NO_ID),
    ]);
    const built = buildViewDocument({ order, shipment: toPlain(shipment), events: events.map((e) => toPlain<Record<string, unknown>>(e)!), customer, feedback });
    if (!(await save(built))) return (await findByCode(orderCode)) ?? built;
    const again = await readUnrevisioned(order);
    const fresh = buildViewDocument({
      order: { ...order, ...(again.prefs ? { notificationPreferences: again.prefs.notificationPreferences } : {}) },
      shipment: null,
      events: [],
      customer: again.customer,
      feedback: again.feedback,
    });
    const moved = (['preferences', 'contact', 'feedback'] as const).filter((k) => JSON.stringify(fresh[k]) !== JSON.stringify(built[k]));
    if (moved.length === 0) return built;
    const set = Object.fromEntries(moved.filter((k) => fresh[k] !== undefined).map((k) => [k, fresh[k]]));
    await Views.collection.updateOne({ orderCode }, { $set: set });
    return { ...built, ...set };
  }

  async function findByCode(orderCode: string): Promise<TrackingViewDocument | null> {
    return (await Views.collection.findOne({ orderCode }, VIEW_FIELDS)) as TrackingViewDocument | null;
  }

  return {
    findByCode,
    rebuild,
    save,

    /** The order's document, built from the source rows when it has none yet (orders stored before it existed). */
    async findOrBuild(orderCode: string): Promise<TrackingViewDocument | null> {
      return (await findByCode(orderCode)) ?? rebuild(orderCode);
    },

    /** The newest order's document under a tracking number (an equality read; the few matches sorted here). */
    async findByTrackingNumber(trackingNumber: string): Promise<TrackingViewDocument | null> {
      const docs = (await Views.collection.find({ trackingNumber }, VIEW_FIELDS).toArray()) as unknown as TrackingViewDocument[];
      return docs.reduce<TrackingViewDocument | null>((newest, d) => (!newest || d.placedAt > newest.placedAt ? d : newest), null);
    },

    /** A new order's document, from the stored order and its customer (no shipment or scans yet). */
    async created(order: OrderRecord): Promise<void> {
      const customer = await Customers.collection.findOne({ _id: customerObjectId(order.customerId) }, NO_ID);
      await save(buildViewDocument({ order, shipment: null, events: [], customer, feedback: null }));
    },

    /**
     * The projection's change: newer revisions only, stamped with the second it is written in, which every
     * API process's change feed reads (`writtenSince`). Written beside the order and shipment; false when the
     * order has no document (an order older than the collection, or whose first write failed): the caller
     * builds it with `rebuild` once those rows are written.
     */
    async projected(p: ProjectionInput, eta: EstimatedDelivery | undefined, at: Date): Promise<boolean> {
      const update = projectionViewUpdate(p, eta, at);
      update.$set = { ...update.$set, ...writtenStamp(new Date()) };
      const result = await Views.collection.updateOne({ orderCode: p.orderCode, revision: { $lt: p.revision } }, update);
      if (result.matchedCount === 1) return true;
      return (await Views.collection.findOne({ orderCode: p.orderCode }, { projection: { _id: 0, revision: 1 } })) !== null;
    },

    /** Every order whose view a projection wrote after `since` (epoch ms), with the revision written: the change feed's read. */
    async writtenSince(since: number): Promise<{ orderCode: string; revision: number; at: number }[]> {
      const docs = await findWrittenSince(Views.collection, since, { _id: 0, orderCode: 1, revision: 1 });
      return docs.map((d) => ({ orderCode: d.orderCode as string, revision: d.revision as number, at: (d.writtenAt as Date).getTime() }));
    },

    async setPreferences(orderCode: string, prefs: { channels: string[]; language: string }, at: Date): Promise<void> {
      await Views.collection.updateOne({ orderCode }, { $set: { preferences: { channels: [...prefs.channels], language: prefs.language }, updatedAt: at.toISOString() } });
    },

    async setFeedback(orderCode: string, answer: { rating: number; comment?: string }): Promise<void> {
      await Views.collection.updateOne({ orderCode }, { $set: { feedback: { rating: answer.rating, ...(answer.comment ? { comment: answer.comment } : {}) } } });
    },

    /** A customer's details changed: the masked contact on the views of all their orders. */
    async setContact(customerId: string, customer: { name?: string | null; email?: string | null; phone?: string | null }): Promise<void> {
      await Views.collection.updateMany({ customerId }, { $set: { contact: maskContact(customer) } });
    },

    /** Bulk insert of documents built with `buildViewDocument` (seeding); existing ones are kept. */
    async insertMany(docs: TrackingViewDocument[]): Promise<void> {
      if (docs.length > 0) await Views.collection.insertMany(docs.map((d) => ({ ...d })), { ordered: false });
    },
  };
}

export type TrackingViewRepository = ReturnType<typeof createTrackingViewRepository>;
