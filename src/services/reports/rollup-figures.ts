import { countAtMost, keyAtRank, type Histogram } from '../../db/report-rollups/histogram.js';
import type { RollupTotals } from '../../db/report-rollups/rollup-totals.js';
import { REPORT_CHANNELS, type ReportFigures } from './report-types.js';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The median of a histogram of whole minutes, in hours (mean of the two middle values for an even count). */
export function histogramMedianHours(minutes: Histogram, count: number): number | null {
  if (count === 0) return null;
  const mid = count >> 1;
  const value = count % 2 ? keyAtRank(minutes, mid) : (keyAtRank(minutes, mid - 1) + keyAtRank(minutes, mid)) / 2;
  return round((value * MINUTE_MS) / HOUR_MS, 2);
}

/**
 * The report's figures from summed rollup totals, with the raw fold's definitions and rounding (averages
 * from exact sums; medians from the minute histograms, so within a minute of the exact median). "Open past
 * the promise" is judged at `asOf` from the open orders' deadlines.
 */
export function figuresFromTotals(t: RollupTotals, asOf: number): ReportFigures {
  const openPastPromise = countAtMost(t.openDeadlines, asOf);
  const channel = (c: string) => ({ sent: t.notifications.get(`${c}:sent`) ?? 0, failed: t.notifications.get(`${c}:failed`) ?? 0 });
  return {
    orders: t.orders,
    inFlight: t.inFlight,
    delivered: t.delivered,
    avgPlacedToDeliveredHours: t.delivered ? round(t.placedToDeliveredMs / t.delivered / HOUR_MS, 2) : null,
    medianPlacedToDeliveredHours: histogramMedianHours(t.placedToDeliveredMin, t.delivered),
    avgHandoffToDeliveredHours: t.handoffs ? round(t.handoffToDeliveredMs / t.handoffs / HOUR_MS, 2) : null,
    medianHandoffToDeliveredHours: histogramMedianHours(t.handoffToDeliveredMin, t.handoffs),
    deliveredWithPromise: t.deliveredWithPromise,
    onTimeRate: t.deliveredWithPromise ? round(t.onTime / t.deliveredWithPromise, 4) : null,
    delayed: t.deliveredLate + openPastPromise,
    deliveredLate: t.deliveredLate,
    openPastPromise,
    exceptions: t.exceptions,
    returns: t.returns,
    notifications: Object.fromEntries(REPORT_CHANNELS.map((c) => [c, channel(c)])) as ReportFigures['notifications'],
    avgRating: t.ratings ? round(t.ratingSum / t.ratings, 2) : null,
    ratings: t.ratings,
  };
}
