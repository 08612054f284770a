import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { SHIPMENT_STATUSES, MILESTONES } from '../../domain/shipment-status.js';

const addressSchema = new Schema(
  {
    name: String,
    line1: { type: String, required: true },
    line2: String,
    city: { type: String, required: true },
    region: String,
    postalCode: { type: String, required: true },
    country: { type: String, required: true },
  },
  { _id: false },
);

const itemSchema = new Schema(
  {
    sku: { type: String, required: true },
    name: { type: String, required: true },
    quantity: { type: Number, required: true },
    unitPriceCents: Number,
    weightGrams: Number,
  },
  { _id: false },
);

/** Estimated delivery: a date plus the interval the estimate is confident about. */
export const etaSchema = new Schema(
  {
    date: String,
    earliest: String,
    latest: String,
    source: { type: String, enum: ['carrier', 'model', 'baseline', 'prior', 'shop'] },
    promisedDate: String,
    arrivesBy: String,
    modelVersion: String,
    stage: { type: String, enum: ['picked_up', 'in_destination_region', 'out_for_delivery'] },
    carrierDate: String,
    reasonCode: String,
    reason: String,
    revisedAt: String,
    updatedAt: Date,
  },
  { _id: false },
);

const orderSchema = new Schema(
  {
    /** The shop's order reference; the business key everything else derives from (workflow id, links). */
    code: { type: String, required: true },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    items: { type: [itemSchema], default: [] },
    shippingAddress: { type: addressSchema, required: true },
    currency: String,
    totalCents: Number,
    carrierId: { type: String, required: true },
    serviceLevel: String,
    trackingNumber: String,
    trackingStatus: String,
    status: { type: String, enum: SHIPMENT_STATUSES, required: true, default: 'order_received' },
    subStatus: String,
    milestone: { type: String, enum: MILESTONES, required: true, default: 'order_received' },
    estimatedDelivery: etaSchema,
    customerTimeZone: String,
    /** What the ETA service was asked at purchase (see EtaInputRecord): revisions ask again with it. */
    etaInput: { type: Schema.Types.Mixed, default: undefined },
    /** The purchase-time estimate as made (accuracy reporting); `estimatedDelivery` is the current one. */
    etaAtPurchase: etaSchema,
    /**
     * The delivery promised at purchase, kept apart from `estimatedDelivery` (which carrier and model
     * estimates overwrite later): the on-time rate of the delivery-performance report is measured against it.
     */
    promisedDelivery: etaSchema,
    notificationPreferences: {
      channels: { type: [String], default: ['email'] },
      triggers: { type: [String], default: undefined },
      language: { type: String, default: 'en' },
    },
    /** Unguessable token for the public tracking page link (/t/:token). */
    trackingToken: { type: String, required: true },
    idempotencyKey: String,
    /** SHA-256 of the accepted request body, to tell a retry from a different order under the same key. */
    requestHash: { type: String, required: true },
    workflowId: { type: String, required: true },
    workflowStartedAt: Date,
    /**
     * Set until the workflow's start is confirmed, so the start sweep finds such orders by equality
     * (FerretDB, the stand-in where no mongod can be had, reads the whole collection for `$exists`).
     */
    awaitingWorkflow: Boolean,
    /** Monotonic guard: projections carry the workflow's revision and only newer ones are applied. */
    revision: { type: Number, required: true, default: 0 },
    placedAt: { type: Date, required: true },
    lastEventAt: Date,
    deliveredAt: Date,
    cancelledAt: Date,
  },
  { timestamps: true, collection: 'orders' },
);
orderSchema.index({ code: 1 }, { unique: true });
orderSchema.index({ idempotencyKey: 1 }, { unique: true, sparse: true });
orderSchema.index({ trackingToken: 1 }, { unique: true });
orderSchema.index({ customerId: 1, placedAt: -1 });
orderSchema.index({ status: 1, updatedAt: -1 });
orderSchema.index({ awaitingWorkflow: 1, placedAt: 1 }, { sparse: true });
// Webhook matching: carrier + tracking number first, tracking number alone for aggregators.
orderSchema.index({ trackingNumber: 1, carrierId: 1 }, { sparse: true });
// Delivery-performance reports: orders placed in a period, overall and per carrier.
orderSchema.index({ placedAt: 1 });
orderSchema.index({ carrierId: 1, placedAt: 1 });

export type OrderDoc = InferSchemaType<typeof orderSchema>;

export function orderModel(connection: Connection): Model<OrderDoc> {
  return (connection.models.Order as Model<OrderDoc> | undefined) ?? connection.model('Order', orderSchema);
}
