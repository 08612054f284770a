import { Schema } from 'mongoose';

/**
 * Notification log. The unique `key` (`notify:<order>:<trigger>:<channel>`) is written before any message
 * is sent, so a retried or replayed request can never send twice.
 */
export const notificationSchema = new Schema(
  {
    key: { type: String, required: true },
    orderCode: { type: String, required: true },
    trigger: { type: String, required: true },
    channel: { type: String, enum: ['email', 'sms', 'push'], required: true },
    status: { type: String, enum: ['requested', 'sending', 'sent', 'failed', 'skipped'], required: true, default: 'requested' },
    requestedAt: { type: Date, required: true },
    revision: Number,
    attempts: { type: Number, default: 0 },
    sentAt: Date,
    providerMessageId: String,
    error: String,
  },
  { collection: 'notifications' },
);
notificationSchema.index({ key: 1 }, { unique: true });
notificationSchema.index({ orderCode: 1, requestedAt: 1 });
notificationSchema.index({ status: 1, requestedAt: 1 });
// Delivery-performance reports: notifications requested since a period began.
notificationSchema.index({ requestedAt: 1 });
