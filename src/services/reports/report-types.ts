/** How the report's rows are split: by the day or ISO week the order was placed (UTC), carrier, or lane. */
export const REPORT_GROUP_BY = ['day', 'week', 'carrier', 'lane'] as const;
export type ReportGroupBy = (typeof REPORT_GROUP_BY)[number];

export const REPORT_CHANNELS = ['email', 'sms', 'push'] as const;

/** Sent and failed notification counts of one channel. */
export interface ChannelFigures {
  sent: number;
  failed: number;
}

/**
 * The figures of one group (or of the whole period). Durations are hours; `null` means n/a: nothing to
 * measure (no delivered order, no order with a promise, no rating).
 */
export interface ReportFigures {
  /** Orders placed in the period (the cohort every other figure is about). */
  orders: number;
  /** Handed to the carrier and not yet delivered, cancelled or returned. */
  inFlight: number;
  delivered: number;
  avgPlacedToDeliveredHours: number | null;
  medianPlacedToDeliveredHours: number | null;
  avgHandoffToDeliveredHours: number | null;
  medianHandoffToDeliveredHours: number | null;
  /** Delivered orders that had a promise: the base of `onTimeRate`. */
  deliveredWithPromise: number;
  /** Share (0..1) of `deliveredWithPromise` delivered by the promised deadline. */
  onTimeRate: number | null;
  /** `deliveredLate + openPastPromise`. */
  delayed: number;
  deliveredLate: number;
  /** Not delivered, cancelled or returned, and past the promised deadline at `asOf`. */
  openPastPromise: number;
  /** Orders that had at least one exception status. */
  exceptions: number;
  /** Orders returned to sender. */
  returns: number;
  notifications: Record<(typeof REPORT_CHANNELS)[number], ChannelFigures>;
  avgRating: number | null;
  ratings: number;
}

export interface ReportGroup extends ReportFigures {
  /** `2026-12-01` (day), `2026-11-30` (the week's Monday), `dhl` (carrier), `dhl:DE` (lane: carrier → country). */
  key: string;
}

/** The delivery-performance report: the query it answers, one row per group, and the period's total. */
export interface DeliveryPerformanceReport {
  from: string;
  to: string;
  carrierId?: string;
  groupBy: ReportGroupBy;
  /** The time "in flight past the promise" was judged at. */
  asOf: string;
  groups: ReportGroup[];
  total: ReportFigures;
}
