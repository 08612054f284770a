import type { ReportOrderRow } from '../../db/reports/report-rows.js';
import { isoWeekKey } from '../../domain/iso-week.js';
import type { ReportGroupBy } from './report-types.js';

/** The UTC calendar day, `YYYY-MM-DD`. */
export function dayKey(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The group an order falls in. Lanes are carrier → destination country (the shop ships from one place). */
export function groupKeyOf(order: ReportOrderRow, groupBy: ReportGroupBy): string {
  switch (groupBy) {
    case 'day':
      return dayKey(order.placedAt);
    case 'week':
      return isoWeekKey(order.placedAt);
    case 'carrier':
      return order.carrierId;
    case 'lane':
      return `${order.carrierId}:${order.country ?? '??'}`;
  }
}
