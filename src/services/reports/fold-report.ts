import type { ReportSourceRows } from '../../db/reports/report-rows.js';
import { TERMINAL_STATUSES } from '../../domain/status-rank.js';
import { groupKeyOf } from './group-keys.js';
import { promiseDeadline } from './promise-deadline.js';
import { REPORT_CHANNELS, type ReportFigures, type ReportGroup, type ReportGroupBy } from './report-types.js';

const HOUR_MS = 3_600_000;
/** Statuses after which a shipment is no longer on its way. */
const CLOSED = new Set<string>(TERMINAL_STATUSES);
/** Statuses before the carrier has the parcel. */
const NOT_HANDED_OVER = new Set(['order_received', 'in_preparation', 'label_created', 'unknown']);

interface Accumulator {
  orders: number;
  inFlight: number;
  placedToDelivered: number[];
  handoffToDelivered: number[];
  deliveredWithPromise: number;
  onTime: number;
  deliveredLate: number;
  openPastPromise: number;
  exceptions: Set<string>;
  returns: Set<string>;
  notifications: Map<string, { sent: number; failed: number }>;
  ratingSum: number;
  ratings: number;
}

const emptyAccumulator = (): Accumulator => ({
  orders: 0,
  inFlight: 0,
  placedToDelivered: [],
  handoffToDelivered: [],
  deliveredWithPromise: 0,
  onTime: 0,
  deliveredLate: 0,
  openPastPromise: 0,
  exceptions: new Set(),
  returns: new Set(),
  notifications: new Map(),
  ratingSum: 0,
  ratings: 0,
});

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return round(sum / values.length / HOUR_MS, 2);
}

/** The median (the mean of the two middle values for an even count), in hours. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return round(value / HOUR_MS, 2);
}

function figures(acc: Accumulator): ReportFigures {
  const channel = (name: string) => acc.notifications.get(name) ?? { sent: 0, failed: 0 };
  return {
    orders: acc.orders,
    inFlight: acc.inFlight,
    delivered: acc.placedToDelivered.length,
    avgPlacedToDeliveredHours: mean(acc.placedToDelivered),
    medianPlacedToDeliveredHours: median(acc.placedToDelivered),
    avgHandoffToDeliveredHours: mean(acc.handoffToDelivered),
    medianHandoffToDeliveredHours: median(acc.handoffToDelivered),
    deliveredWithPromise: acc.deliveredWithPromise,
    onTimeRate: acc.deliveredWithPromise ? round(acc.onTime / acc.deliveredWithPromise, 4) : null,
    delayed: acc.deliveredLate + acc.openPastPromise,
    deliveredLate: acc.deliveredLate,
    openPastPromise: acc.openPastPromise,
    exceptions: acc.exceptions.size,
    returns: acc.returns.size,
    notifications: Object.fromEntries(REPORT_CHANNELS.map((c) => [c, { ...channel(c) }])) as ReportFigures['notifications'],
    avgRating: acc.ratings ? round(acc.ratingSum / acc.ratings, 2) : null,
    ratings: acc.ratings,
  };
}

/**
 * Folds the source rows into the report's groups and total. Pure: the same rows give the same figures.
 * Rows of other collections count only when their order is in the cohort (placed in the period, and of
 * the chosen carrier); the cohort is exactly `rows.orders`.
 */
export function foldReport(rows: ReportSourceRows, groupBy: ReportGroupBy, asOf: number): { groups: ReportGroup[]; total: ReportFigures } {
  const groups = new Map<string, Accumulator>();
  const total = emptyAccumulator();
  // Each cohort order's two accumulators (its group's and the total), reached by order code.
  const byCode = new Map<string, [Accumulator, Accumulator]>();
  const ordersDelivered = new Set<string>();

  for (const order of rows.orders) {
    const key = groupKeyOf(order, groupBy);
    let acc = groups.get(key);
    if (!acc) groups.set(key, (acc = emptyAccumulator()));
    const both: [Accumulator, Accumulator] = [acc, total];
    byCode.set(order.code, both);
    const deadline = promiseDeadline(order.promise);
    const delivered = order.status === 'delivered' && order.deliveredAt !== undefined;
    if (delivered) ordersDelivered.add(order.code);
    for (const a of both) {
      a.orders += 1;
      if (!CLOSED.has(order.status) && !NOT_HANDED_OVER.has(order.status)) a.inFlight += 1;
      if (delivered) {
        a.placedToDelivered.push(order.deliveredAt! - order.placedAt);
        if (deadline !== undefined) {
          a.deliveredWithPromise += 1;
          if (order.deliveredAt! < deadline) a.onTime += 1;
          else a.deliveredLate += 1;
        }
      } else if (!CLOSED.has(order.status) && deadline !== undefined && deadline <= asOf) {
        a.openPastPromise += 1;
      }
    }
  }

  for (const s of rows.shipments) {
    const both = byCode.get(s.orderCode);
    if (!both || !ordersDelivered.has(s.orderCode) || s.shippedAt === undefined || s.deliveredAt === undefined) continue;
    for (const a of both) a.handoffToDelivered.push(s.deliveredAt - s.shippedAt);
  }
  for (const c of rows.statusChanges) {
    const both = byCode.get(c.orderCode);
    if (both) for (const a of both) (c.to === 'exception' ? a.exceptions : a.returns).add(c.orderCode);
  }
  for (const n of rows.notifications) {
    const both = byCode.get(n.orderCode);
    if (!both || (n.status !== 'sent' && n.status !== 'failed')) continue;
    for (const a of both) {
      let counts = a.notifications.get(n.channel);
      if (!counts) a.notifications.set(n.channel, (counts = { sent: 0, failed: 0 }));
      counts[n.status] += 1;
    }
  }
  for (const f of rows.feedback) {
    const both = byCode.get(f.orderCode);
    if (!both || f.rating === undefined) continue;
    for (const a of both) {
      a.ratingSum += f.rating;
      a.ratings += 1;
    }
  }

  const keys = [...groups.keys()].sort();
  return { groups: keys.map((key) => ({ key, ...figures(groups.get(key)!) })), total: figures(total) };
}
