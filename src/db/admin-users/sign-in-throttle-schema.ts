import { Schema } from 'mongoose';

/**
 * Failed sign-ins, one document per failure and subject (`account:<email>` or `ip:<address>`), under the
 * start of its fixed window; a window's count is the number of its documents. Inserts rather than one
 * `$inc`-ed counter because the embedded FerretDB loses concurrent `$inc`s on one document (see
 * src/db/rate-limits), and a guesser must not be able to undercount by sending attempts in parallel.
 * Ended windows leave through the TTL index where the server has one, and the repository's sweep.
 */
export const signInThrottleSchema = new Schema(
  {
    subject: { type: String, required: true },
    windowStart: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'admin_sign_in_failures', versionKey: false },
);
signInThrottleSchema.index({ subject: 1, windowStart: 1 });
signInThrottleSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
