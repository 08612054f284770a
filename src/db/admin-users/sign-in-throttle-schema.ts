import { Schema } from 'mongoose';

/**
 * Failed sign-in counters in fixed windows, shared by every API process: one document per subject
 * (`account:<email>` or `ip:<address>`) and window start. The TTL index drops a window once it ended;
 * counting never depends on the TTL monitor's timing, because a window's key includes its start.
 */
export const signInThrottleSchema = new Schema(
  {
    _id: { type: String, required: true },
    subject: { type: String, required: true },
    windowStart: { type: Date, required: true },
    failures: { type: Number, required: true, default: 0 },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'admin_sign_in_failures', versionKey: false },
);
signInThrottleSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
