import { Schema } from 'mongoose';

/**
 * One document per carrier: its health as every worker sees it (`carrier_health`). Fed by poll outcomes;
 * state changes are conditional updates, so when several workers see the same failure only one opens the
 * outage (and one ends it). `outageSince` names the current (or last) outage episode.
 */
export const carrierHealthSchema = new Schema(
  {
    carrierId: { type: String, required: true },
    state: { type: String, enum: ['healthy', 'outage', 'recovering'], required: true, default: 'healthy' },
    /** When the carrier entered its current state. */
    since: { type: Date, required: true },
    consecutiveFailures: { type: Number, default: 0 },
    /** Shipments among the failures since the last success, kept only up to the outage policy's minimum. */
    failingShipments: { type: [String], default: undefined },
    lastSuccessAt: Date,
    lastFailureAt: Date,
    /** Our code's words for the last failure (never the carrier's body: it may carry PII). */
    lastError: String,
    /** Set when a look-up found the client's circuit breaker open; cleared by the next success. */
    circuitOpenAt: Date,
    outageSince: Date,
    /** Outages so far: numbers the claims of the next one (claim-schema.ts). */
    outages: { type: Number, default: 0 },
    lastOutage: { since: Date, endedAt: Date },
  },
  { collection: 'carrier_health' },
);
carrierHealthSchema.index({ carrierId: 1 }, { unique: true });
