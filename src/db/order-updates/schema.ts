import { Schema } from 'mongoose';

/**
 * One small document per order revision, appended by the workers of the previous release for live pages
 * (this release's change feed reads the tracking views' write stamps; see ./repository.ts): every API
 * process polls it (FerretDB has no change streams, and the viewer may sit on another process than the writer). A day's retention is plenty for a
 * page reconnecting after sleep (older revisions are in the orders collection anyway); the repository
 * sweeps by `at`, since FerretDB has no TTL indexes.
 */
export const orderUpdateSchema = new Schema(
  {
    orderCode: { type: String, required: true },
    revision: { type: Number, required: true },
    at: { type: Date, required: true },
    /**
     * When this process wrote the entry (its own clock, not the projection's `recordedAt`, which can be
     * seconds older): the tracking-view caches read every entry written since their last poll by it.
     */
    writtenAt: { type: Date },
    /** `writtenAt`'s whole second: the caches read by equality on it (see ../written-since.ts). */
    writtenSecond: { type: Number },
  },
  { collection: 'order_updates', versionKey: false },
);
orderUpdateSchema.index({ orderCode: 1, revision: 1 }, { unique: true });
orderUpdateSchema.index({ at: 1 });
orderUpdateSchema.index({ writtenAt: 1 });
orderUpdateSchema.index({ writtenSecond: 1 });
