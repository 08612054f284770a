import { Schema } from 'mongoose';

/**
 * Alerts for admins. `key` makes each alert idempotent: one stall alert per stall episode
 * (`stall:<order>:<lastProgressAt>`), one poll-failure alert per order that counts occurrences.
 */
export const alertSchema = new Schema(
  {
    key: { type: String, required: true },
    kind: { type: String, enum: ['stalled', 'poll_failure'], required: true },
    orderCode: { type: String, required: true },
    carrierId: String,
    status: { type: String, enum: ['open', 'resolved'], required: true, default: 'open' },
    openedAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    resolvedAt: Date,
    occurrences: { type: Number, default: 1 },
    message: String,
    details: Schema.Types.Mixed,
    /**
     * An operator took the alert in hand (`by`: e-mail or key label). The status stays open: the parcel is
     * still stalled until carrier progress resolves it, so the stall lists keep showing it, marked handled.
     */
    handledAt: Date,
    handledBy: String,
    handledNote: String,
    /**
     * Set while operators have not been told because the carrier (this id) was in outage: the outage alert
     * stands for it. The catch-up after the outage either releases it (still stalled or failing: told now)
     * or the shipment resolves it quietly.
     */
    heldByOutage: String,
  },
  { collection: 'alerts' },
);
alertSchema.index({ key: 1 }, { unique: true });
alertSchema.index({ status: 1, kind: 1, openedAt: -1 });
alertSchema.index({ heldByOutage: 1, status: 1 }, { sparse: true });
