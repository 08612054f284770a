import { Schema } from 'mongoose';
import { NOTIFICATION_CHANNELS, NOTIFICATION_TRIGGERS } from '../../domain/notification-policy.js';

/** A customer's standing choice of channels and moments; new orders start from it. */
export const notificationPreferenceSchema = new Schema(
  {
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    channels: { type: [String], enum: NOTIFICATION_CHANNELS, required: true },
    triggers: { type: [String], enum: NOTIFICATION_TRIGGERS, default: undefined },
    language: { type: String, default: 'en' },
  },
  { timestamps: true, collection: 'notification_preferences' },
);
notificationPreferenceSchema.index({ customerId: 1 }, { unique: true });
