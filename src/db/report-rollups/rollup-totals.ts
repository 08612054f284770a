import { TERMINAL_STATUSES } from '../../domain/status-rank.js';
import type { Contribution } from './contribution.js';
import { EMPTY_HISTOGRAM, histogramOf, sumHistograms, type Histogram } from './histogram.js';

/**
 * The summed figures of one bucket (or of several, merged). Exact sums and counts; delivery times also as
 * histograms in whole minutes, for medians (resolution: one minute); promise deadlines of orders still open
 * as a histogram in ms, so "open past the promise" can be judged at any `asOf`. Histograms are sorted
 * parallel arrays (histogram.ts). Pure data.
 */
export interface RollupTotals {
  orders: number;
  inFlight: number;
  delivered: number;
  placedToDeliveredMs: number;
  placedToDeliveredMin: Histogram;
  handoffs: number;
  handoffToDeliveredMs: number;
  handoffToDeliveredMin: Histogram;
  deliveredWithPromise: number;
  onTime: number;
  deliveredLate: number;
  openDeadlines: Histogram;
  exceptions: number;
  returns: number;
  /** `channel:sent` / `channel:failed` → count. */
  notifications: Map<string, number>;
  ratingSum: number;
  ratings: number;
}

export const emptyTotals = (): RollupTotals => ({
  orders: 0,
  inFlight: 0,
  delivered: 0,
  placedToDeliveredMs: 0,
  placedToDeliveredMin: EMPTY_HISTOGRAM,
  handoffs: 0,
  handoffToDeliveredMs: 0,
  handoffToDeliveredMin: EMPTY_HISTOGRAM,
  deliveredWithPromise: 0,
  onTime: 0,
  deliveredLate: 0,
  openDeadlines: EMPTY_HISTOGRAM,
  exceptions: 0,
  returns: 0,
  notifications: new Map(),
  ratingSum: 0,
  ratings: 0,
});

/** Statuses after which a shipment is no longer on its way (as in the raw report's fold). */
const CLOSED = new Set<string>(TERMINAL_STATUSES);
/** Statuses before the carrier has the parcel. */
const NOT_HANDED_OVER = new Set(['order_received', 'in_preparation', 'label_created', 'unknown']);
const MINUTE = 60_000;

const bump = (m: Map<number | string, number>, k: number | string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

/**
 * Folds one bucket's contributions into its totals, with the raw report's definitions: the cohort is the
 * orders with a `placed` contribution (optionally only those placed in `[from, to)`); each order's
 * latest `state` decides in flight / delivered / open; a change, a notification or a rating counts only for
 * a cohort order. An order without a state yet is `order_received` (open, not handed over).
 */
export function foldContributions(contributions: Iterable<Contribution>, window?: { from: number; to: number }): RollupTotals {
  const placed = new Map<string, { t: number; d?: number }>();
  const state = new Map<string, Extract<Contribution, { k: 'state' }>>();
  const rest: Contribution[] = [];
  for (const c of contributions) {
    if (c.k === 'placed') {
      if (!window || (c.t >= window.from && c.t < window.to)) placed.set(c.o, c);
    } else if (c.k === 'state') {
      const seen = state.get(c.o);
      if (!seen || seen.r < c.r) state.set(c.o, c);
    } else rest.push(c);
  }
  const totals = emptyTotals();
  // Built as maps while folding, stored as sorted histograms once.
  const placedToDelivered = new Map<number, number>();
  const handoffToDelivered = new Map<number, number>();
  const openDeadlines = new Map<number, number>();
  for (const [code, p] of placed) {
    totals.orders += 1;
    const s = state.get(code);
    const status = s?.s ?? 'order_received';
    if (!CLOSED.has(status) && !NOT_HANDED_OVER.has(status)) totals.inFlight += 1;
    if (status === 'delivered' && s?.dl !== undefined) {
      const took = s.dl - p.t;
      totals.delivered += 1;
      totals.placedToDeliveredMs += took;
      bump(placedToDelivered, Math.floor(took / MINUTE));
      if (s.sh !== undefined) {
        totals.handoffs += 1;
        totals.handoffToDeliveredMs += s.dl - s.sh;
        bump(handoffToDelivered, Math.floor((s.dl - s.sh) / MINUTE));
      }
      if (p.d !== undefined) {
        totals.deliveredWithPromise += 1;
        if (s.dl < p.d) totals.onTime += 1;
        else totals.deliveredLate += 1;
      }
    } else if (!CLOSED.has(status) && p.d !== undefined) bump(openDeadlines, p.d);
  }
  totals.placedToDeliveredMin = histogramOf(placedToDelivered);
  totals.handoffToDeliveredMin = histogramOf(handoffToDelivered);
  totals.openDeadlines = histogramOf(openDeadlines);
  const counted = new Set<string>();
  for (const c of rest) {
    if (!placed.has(c.o)) continue;
    if (c.k === 'change') {
      // One per order and kind (the key says so); the set guards a stray duplicate all the same.
      if (counted.has(`${c.to}:${c.o}`)) continue;
      counted.add(`${c.to}:${c.o}`);
      if (c.to === 'exception') totals.exceptions += 1;
      else totals.returns += 1;
    } else if (c.k === 'notify') bump(totals.notifications, `${c.ch}:${c.st}`);
    else if (c.k === 'rating') {
      totals.ratingSum += c.v;
      totals.ratings += 1;
    }
  }
  return totals;
}

/** The totals' plain counts (the rest are histograms and per-channel notification counts). */
export const TOTAL_COUNTS = ['orders', 'inFlight', 'delivered', 'placedToDeliveredMs', 'handoffs', 'handoffToDeliveredMs', 'deliveredWithPromise', 'onTime', 'deliveredLate', 'exceptions', 'returns', 'ratingSum', 'ratings'] as const;

/** The sum of many totals (new totals; none of `list` is changed): each histogram summed in one pass. */
export function sumTotals(list: readonly RollupTotals[]): RollupTotals {
  const sum = emptyTotals();
  for (const t of list) {
    for (const key of TOTAL_COUNTS) sum[key] += t[key];
    for (const [k, v] of t.notifications) sum.notifications.set(k, (sum.notifications.get(k) ?? 0) + v);
  }
  sum.placedToDeliveredMin = sumHistograms(list.map((t) => t.placedToDeliveredMin));
  sum.handoffToDeliveredMin = sumHistograms(list.map((t) => t.handoffToDeliveredMin));
  sum.openDeadlines = sumHistograms(list.map((t) => t.openDeadlines));
  return sum;
}
