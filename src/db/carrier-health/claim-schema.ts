import { Schema } from 'mongoose';

/**
 * Claims of carrier-health transitions (`carrier_health_claims`): `open:<carrier>:<n>` opens outage number n,
 * `end:<carrier>:<n>` ends it. A unique insert decides which worker made the change (FerretDB lets two
 * concurrent conditional updates both match, an insert under a unique key it does not); the claim holds the
 * change's time, so any worker can apply it to `carrier_health` with the same values.
 */
export const carrierHealthClaimSchema = new Schema(
  {
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'carrier_health_claims' },
);
carrierHealthClaimSchema.index({ key: 1 }, { unique: true });
