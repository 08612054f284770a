import type { RollupRead } from '../../db/report-rollups/repository.js';
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
  let day = Math.floor(from / DAY_MS) * DAY_MS;
  while (day < to) {
    const date = new Date(day);
    if (day < from || day + DAY_MS > to) {
      partialDays.push(dayKey(day));
      day += DAY_MS;
      continue;
    }
    const monthEnd = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    if (months && date.getUTCDate() === 1 && monthEnd <= to) {
      reads.push({ level: 'm', key: dayKey(day).slice(0, 7), scope });
      day = monthEnd;
    } else if (weeks && date.getUTCDay() === 1 && day + 7 * DAY_MS <= to) {
      reads.push({ level: 'w', key: dayKey(day), scope });
      day += 7 * DAY_MS;
    } else {
      reads.push({ level: 'd', key: dayKey(day), scope });
      day += DAY_MS;
    }
  }
  return { reads, partialDays };
}
