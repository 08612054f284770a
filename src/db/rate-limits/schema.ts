import { Schema } from 'mongoose';

/**
 * One document per counted hit, under its (key, window start). Counting inserted documents rather than
 * `$inc`-ing one counter is deliberate: the embedded FerretDB applies concurrent `$inc`s to one document
 * with lost updates (20 concurrent increments from two connections left 1 or 2), while inserts never
 * lose. Ended windows are swept by `expiresAt` (FerretDB has no TTL indexes either).
 */
export const rateLimitHitSchema = new Schema(
  {
    key: { type: String, required: true },
    windowStart: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'rate_limit_hits', versionKey: false },
);
rateLimitHitSchema.index({ key: 1, windowStart: 1 });
rateLimitHitSchema.index({ expiresAt: 1 });
