import { Schema } from 'mongoose';
import { SHIPMENT_STATUSES, MILESTONES } from '../../domain/shipment-status.js';
import { etaSchema } from '../orders/schema.js';

/** Shipment: 1:1 with its order, N:1 with its carrier; what tracking, stall and dashboard queries read. */
export const shipmentSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    carrierId: { type: String, required: true, ref: 'Carrier' },
    trackingNumber: String,
    /** The carrier's latest own status text/code, for support. */
    trackingStatus: String,
    status: { type: String, enum: SHIPMENT_STATUSES, required: true },
    subStatus: String,
    milestone: { type: String, enum: MILESTONES, required: true },
    milestoneAt: { type: Map, of: String, default: {} },
    estimatedDelivery: etaSchema,
    lastEventAt: Date,
    lastProgressAt: Date,
    deliveredAt: Date,
    cancelledAt: Date,
    stalledSince: Date,
    revision: { type: Number, required: true, default: 0 },
    pollFailures: { type: Number, default: 0 },
    lastPollFailureAt: Date,
    lastPollError: String,
  },
  { timestamps: true, collection: 'shipments' },
);
shipmentSchema.index({ orderCode: 1 }, { unique: true });
shipmentSchema.index({ carrierId: 1, trackingNumber: 1 }, { unique: true, partialFilterExpression: { trackingNumber: { $type: 'string' } } });
shipmentSchema.index({ status: 1, lastProgressAt: 1 });
shipmentSchema.index({ stalledSince: 1 }, { sparse: true });
// Delivery-performance reports: shipments delivered since a period began, overall and per carrier.
shipmentSchema.index({ deliveredAt: 1 });
shipmentSchema.index({ carrierId: 1, deliveredAt: 1 });
