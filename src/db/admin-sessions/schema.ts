import { Schema } from 'mongoose';

/**
 * Server-side admin sessions. `_id` is the SHA-256 (hex) of the cookie's random id, so a read of this
 * collection (a backup, a log of queries) cannot be replayed as a cookie.
 */
export const adminSessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    /** Synchronizer CSRF token for this session's forms. */
    csrfToken: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    idleExpiresAt: { type: Date, required: true },
    absoluteExpiresAt: { type: Date, required: true },
    revokedAt: Date,
    ip: String,
    userAgent: String,
  },
  { collection: 'admin_sessions', versionKey: false },
);
// Expired sessions leave by themselves; the service also checks both expiries on every read.
adminSessionSchema.index({ absoluteExpiresAt: 1 }, { expireAfterSeconds: 0 });
adminSessionSchema.index({ userId: 1 });
