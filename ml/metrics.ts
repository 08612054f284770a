import type { Day } from './calendar-day.js';

/** One scored order: calendar days on the customer's calendar. */
export interface ScoredDates {
  actual: Day;
  promise: Day;
  likely: Day;
  low: Day;
  high: Day;
}

/** Accuracy of a set of predictions, in calendar days (what a customer experiences). */
export interface AccuracyReport {
  n: number;
  promise: { mae_days: number; late_rate: number };
  likely: { mae_days: number };
  range_coverage: number;
}

/** Accuracy of a promised date alone (the platform's or a shop's). */
export interface PromiseReport {
  n: number;
  mae_days: number;
  late_rate: number;
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

export function scoreDates(rows: ScoredDates[]): AccuracyReport {
  const n = rows.length;
  if (n === 0) return { n, promise: { mae_days: NaN, late_rate: NaN }, likely: { mae_days: NaN }, range_coverage: NaN };
  let pe = 0;
  let late = 0;
  let le = 0;
  let covered = 0;
  for (const r of rows) {
    pe += Math.abs(r.actual - r.promise);
    if (r.actual > r.promise) late += 1;
    le += Math.abs(r.actual - r.likely);
    if (r.actual >= r.low && r.actual <= r.high) covered += 1;
  }
  return {
    n,
    promise: { mae_days: round(pe / n), late_rate: round(late / n, 4) },
    likely: { mae_days: round(le / n) },
    range_coverage: round(covered / n, 4),
  };
}

export function scorePromise(rows: { actual: Day; promise: Day }[]): PromiseReport {
  const n = rows.length;
  let e = 0;
  let late = 0;
  for (const r of rows) {
    e += Math.abs(r.actual - r.promise);
    if (r.actual > r.promise) late += 1;
  }
  return { n, mae_days: n ? round(e / n) : NaN, late_rate: n ? round(late / n, 4) : NaN };
}
