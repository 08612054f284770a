import { Schema } from 'mongoose';
import { SHIPMENT_STATUSES } from '../../domain/shipment-status.js';

/** TrackingEvent: N per shipment; the customer timeline. `key` is the reducer's de-duplication key. */
export const trackingEventSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    key: { type: String, required: true },
    status: { type: String, enum: SHIPMENT_STATUSES, required: true },
    subStatus: String,
    /** As the carrier gave it, offset included. */
    occurredAt: { type: String, required: true },
    /** The same instant in UTC, for sorting. */
    occurredAtUtc: { type: Date, required: true },
    description: { type: String, default: '' },
    location: { city: String, region: String, postalCode: String, country: String, text: String },
    carrierCode: String,
    carrierEventId: String,
    source: { type: String, enum: ['webhook', 'poll', 'manual', 'system'], required: true },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'tracking_events' },
);
trackingEventSchema.index({ orderCode: 1, key: 1 }, { unique: true });
trackingEventSchema.index({ orderCode: 1, occurredAtUtc: 1 });
