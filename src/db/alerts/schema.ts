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
  },
  { collection: 'alerts' },
);
alertSchema.index({ key: 1 }, { unique: true });
alertSchema.index({ status: 1, kind: 1, openedAt: -1 });
