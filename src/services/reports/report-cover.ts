import type { RollupRead } from '../../db/report-rollups/repository.js';
import { isoWeekStart } from '../../domain/iso-week.js';
import { dayKey } from './group-keys.js';
import type { ReportGroupBy } from './report-types.js';

const DAY_MS = 86_400_000;

/** The reads that cover a period: whole spans from the rollup, and the days it cuts, folded from their contributions. */
export interface ReportCover {
  reads: RollupRead[];
  partialDays: string[];
}

/**
 * Covers `[from, to)` with as few rollup rows as the grouping allows: by day, whole days; by week, the ISO
 * weeks inside the period and whole days at its ragged ends; by carrier or lane, whole months, then whole
 * weeks, then whole days. The scope is as coarse as the grouping and the carrier filter allow: lanes for
 * the lane grouping, carriers for the carrier grouping or filter, else all orders together. Days the
 * period starts or ends inside are partial. Pure.
 */
export function planReportCover(from: number, to: number, groupBy: ReportGroupBy, carrierId?: string): ReportCover {
  const scope: RollupRead['scope'] = groupBy === 'lane' ? 'lane' : groupBy === 'carrier' || carrierId ? 'carrier' : 'all';
  const weeks = groupBy !== 'day';
  const months = groupBy === 'carrier' || groupBy === 'lane';
  const reads: RollupRead[] = [];
  const partialDays: string[] = [];
  const first = Math.floor(from / DAY_MS) * DAY_MS;
  const last = Math.floor((to - 1) / DAY_MS) * DAY_MS;
  // Days the period starts or ends inside (one, if it starts and ends inside the same day).
  if (first < from) partialDays.push(dayKey(first));
  if (last + DAY_MS > to && !(last === first && first < from)) partialDays.push(dayKey(last));
  // Whole days: [start, end).
  const start = first < from ? first + DAY_MS : first;
  const end = Math.max(start, Math.floor(to / DAY_MS) * DAY_MS);
  /** Whole weeks where the grouping allows, days around them, over `[a, b)`. */
  const weeksAndDays = (a: number, b: number) => {
    for (let day = a; day < b; ) {
      if (weeks && isoWeekStart(day) === day && day + 7 * DAY_MS <= b) {
        reads.push({ level: 'w', key: dayKey(day), scope });
        day += 7 * DAY_MS;
      } else {
        reads.push({ level: 'd', key: dayKey(day), scope });
        day += DAY_MS;
      }
    }
  };
  const firstOfMonth = (t: number, after: boolean) => {
    const d = new Date(t);
    const m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    return after && m < t ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : m;
  };
  const monthsFrom = firstOfMonth(start, true);
  const monthsTo = firstOfMonth(end, false);
  if (months && monthsFrom < monthsTo) {
    weeksAndDays(start, monthsFrom);
    for (let m = monthsFrom; m < monthsTo; m = firstOfMonth(m + 32 * DAY_MS, false)) reads.push({ level: 'm', key: dayKey(m).slice(0, 7), scope });
    weeksAndDays(monthsTo, end);
  } else weeksAndDays(start, end);
  return { reads, partialDays };
}
