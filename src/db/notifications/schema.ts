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
    /** Failed on a provider's permanent answer (a failover candidate), not given up or refused before the send. */
    permanentFailure: Boolean,
    /** Why a request was skipped (channel off, unsubscribed, no phone, …). */
    reason: String,
    /** SMS: Twilio's delivery state from status callbacks (queued, sent, delivered, undelivered, failed). */
    deliveryState: String,
    deliveryError: String,
    /** Quiet hours: the earliest moment the message may go out. */
    notBefore: Date,
    /** A failover request: the key of the request whose permanent failure it replaces. */
    failoverOf: String,
    /** Twilio reported this SMS undelivered and its failover is not yet in Temporal (the failover sweep starts it). */
    failoverPending: Boolean,
    updatedAt: Date,
  },
  { collection: 'notifications' },
);
notificationSchema.index({ key: 1 }, { unique: true });
notificationSchema.index({ orderCode: 1, requestedAt: 1 });
notificationSchema.index({ status: 1, requestedAt: 1 });
notificationSchema.index({ providerMessageId: 1 }, { sparse: true });
notificationSchema.index({ failoverPending: 1 }, { sparse: true });
// Delivery-performance reports: notifications requested since a period began.
notificationSchema.index({ requestedAt: 1 });
