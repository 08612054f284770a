import type { ReportOrderRow } from '../../db/reports/report-rows.js';
import type { ReportGroupBy } from './report-types.js';

const DAY_MS = 86_400_000;

/** The UTC calendar day, `YYYY-MM-DD`. */
export function dayKey(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The Monday (UTC) of the ISO week holding `t`, `YYYY-MM-DD`. */
export function weekKey(t: number): string {
  const day = Math.floor(t / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  return dayKey(monday * DAY_MS);
}

/** The group an order falls in. Lanes are carrier → destination country (the shop ships from one place). */
export function groupKeyOf(order: ReportOrderRow, groupBy: ReportGroupBy): string {
  switch (groupBy) {
    case 'day':
      return dayKey(order.placedAt);
    case 'week':
      return weekKey(order.placedAt);
    case 'carrier':
      return order.carrierId;
    case 'lane':
      return `${order.carrierId}:${order.country ?? '??'}`;
  }
}
