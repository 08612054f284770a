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
import { buildViewDocument, projectionViewUpdate, viewContact, viewFeedback, viewPreferences, type TrackingViewDocument } from './view-document.js';

const NO_ID = { projection: { _id: 0 } };
/** A view as its readers get it: without the write stamp, which is the change feed's bookkeeping. */
const VIEW_FIELDS = { projection: { _id: 0, writtenAt: 0, writtenSecond: 0 } };

/** The customer details a tracking view shows (masked): a stored customer as its repository returns it. */
export interface ViewCustomer {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

const customerObjectId = (id: string) => new Types.ObjectId(id);

/**
 * A projection's view write that took longer than this to land is stamped again once it has: the change
 * feeds look back `lagMs` (3 s by default, src/web/web-config.ts) past their last poll, and a stamp older
 * than that when it becomes visible would be missed by every process (no push to open pages, cached views
 * kept until they age out). Under normal load a write lands in milliseconds and costs no second update.
 */
export const RESTAMP_AFTER_MS = 1_000;

/**
 * The orders' tracking-view documents (see schema.ts). Every write is idempotent; a projection's write is
 * guarded by the revision like the order's, so a replayed one changes nothing.
 */
export function createTrackingViewRepository(connection: Connection, options: { restampAfterMs?: number } = {}) {
  const restampAfterMs = options.restampAfterMs ?? RESTAMP_AFTER_MS;
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
   * `known`: the order as its caller has just read it (not read again). A preference, feedback or contact
   * change written while the rows were read found no document to update, so those are read again once it
   * is stored and set if they moved (their writers set the document after their own write: whichever
   * comes second sees the other's).
   */
  async function rebuild(orderCode: string, known?: OrderRecord): Promise<TrackingViewDocument | null> {
    const order = known ?? toPlain<OrderRecord>(await Orders.collection.findOne({ code: orderCode }));
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
    // The three parts as they are now, made as buildViewDocument makes them (no second document).
    const now = {
      preferences: viewPreferences((again.prefs?.notificationPreferences as OrderRecord['notificationPreferences'] | undefined) ?? order.notificationPreferences),
      contact: viewContact(again.customer),
      feedback: viewFeedback(again.feedback),
    };
    const moved = (['preferences', 'contact', 'feedback'] as const).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(built[k]));
    if (moved.length === 0) return built;
    const set = Object.fromEntries(moved.filter((k) => now[k] !== undefined).map((k) => [k, now[k]]));
    await Views.collection.updateOne({ orderCode }, { $set: set });
    return { ...built, ...set };
  }

  async function findByCode(orderCode: string): Promise<TrackingViewDocument | null> {
    return (await Views.collection.findOne({ orderCode }, VIEW_FIELDS)) as TrackingViewDocument | null;
  }

  return {
    findByCode,
    rebuild,

    /** The order's document, built from the source rows when it has none yet (orders stored before it existed). */
    async findOrBuild(orderCode: string): Promise<TrackingViewDocument | null> {
      return (await findByCode(orderCode)) ?? rebuild(orderCode);
    },

    /** The newest order's document under a tracking number (an equality read; the few matches sorted here). */
    async findByTrackingNumber(trackingNumber: string): Promise<TrackingViewDocument | null> {
      const docs = (await Views.collection.find({ trackingNumber }, VIEW_FIELDS).toArray()) as unknown as TrackingViewDocument[];
      return docs.reduce<TrackingViewDocument | null>((newest, d) => (!newest || d.placedAt > newest.placedAt ? d : newest), null);
    },

    /**
     * A new order's document, from the stored order and its customer as the caller has it (no shipment or
     * scans yet); null: no customer stored, the view has no contact.
     */
    async created(order: OrderRecord, customer: ViewCustomer | null): Promise<void> {
      await save(buildViewDocument({ order, shipment: null, events: [], customer: customer && { name: customer.name, email: customer.email, phone: customer.phone }, feedback: null }));
    },

    /**
     * The projection's change: newer revisions only, stamped with the second it is written in, which every
     * API process's change feed reads (`writtenSince`). Written beside the order and shipment; false when the
     * order has no document (an order older than the collection, or whose first write failed): the caller
     * builds it with `rebuild` once those rows are written.
     */
    async projected(p: ProjectionInput, eta: EstimatedDelivery | undefined, at: Date): Promise<boolean> {
      const update = projectionViewUpdate(p, eta, at);
      const sentAt = Date.now();
      update.$set = { ...update.$set, ...writtenStamp(new Date(sentAt)) };
      const result = await Views.collection.updateOne({ orderCode: p.orderCode, revision: { $lt: p.revision } }, update);
      if (result.matchedCount === 1) {
        if (Date.now() - sentAt >= restampAfterMs) {
          await Views.collection.updateOne({ orderCode: p.orderCode, revision: p.revision }, { $set: writtenStamp(new Date()) });
        }
        return true;
      }
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
