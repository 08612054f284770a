import { Schema } from 'mongoose';
import { NOTIFICATION_CHANNELS, NOTIFICATION_TRIGGERS } from '../../domain/notification-policy.js';

/** A customer's standing choice of channels and moments; new orders start from it. */
export const notificationPreferenceSchema = new Schema(
  {
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    channels: { type: [String], enum: NOTIFICATION_CHANNELS, required: true },
    triggers: { type: [String], enum: NOTIFICATION_TRIGGERS, default: undefined },
    language: { type: String, default: 'en' },
    /** Set by a saved choice (a document an opt-out created has none). */
    chosen: Boolean,
    timeZone: String,
    quietHours: { type: { start: String, end: String, _id: false }, default: undefined },
    /** Channels the customer opted out of (SMS STOP, e-mail unsubscribe): honoured over every order's choice. */
    optOuts: { type: [String], enum: NOTIFICATION_CHANNELS, default: [] },
  },
  { timestamps: true, collection: 'notification_preferences' },
);
notificationPreferenceSchema.index({ customerId: 1 }, { unique: true });
