import type { DailyRow, ReportRollupRepository } from '../../db/report-rollups/repository.js';
import { sumTotals, type RollupTotals } from '../../db/report-rollups/rollup-totals.js';
import { isoWeekKey } from '../../domain/iso-week.js';
import { parseInstant } from '../../domain/instant.js';
import { planReportCover } from './report-cover.js';
import type { ReportQuery } from './report-query.js';
import { figuresFromTotals } from './rollup-figures.js';
import type { DeliveryPerformanceReport, ReportGroupBy } from './report-types.js';

export interface RollupReportDeps {
  rollups: ReportRollupRepository;
  now?: () => Date;
}

function groupKey(row: DailyRow, groupBy: ReportGroupBy): string {
  switch (groupBy) {
    case 'day':
      return row.day;
    case 'week':
      return isoWeekKey(parseInstant(row.day));
    case 'carrier':
      return row.carrierId;
    case 'lane':
      return `${row.carrierId}:${row.country || '??'}`;
  }
}

/**
 * The delivery-performance report from the rollup: the period's whole months, weeks and days (as the
 * grouping allows, report-cover.ts) read their newest rows, one equality read each; a period that starts
 * or ends inside a day also folds that day's contributions, keeping only the orders placed inside the
 * period. Same figures and shape as the raw report (createDeliveryPerformanceService), medians to the
 * minute, as of the folder's last round (seconds behind the writers).
 */
export function createRollupReportService(deps: RollupReportDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    async report(query: ReportQuery): Promise<DeliveryPerformanceReport> {
      const asOf = now();
      const from = query.from.getTime();
      const to = query.to.getTime();
      const cover = planReportCover(from, to, query.groupBy, query.carrierId);
      const rows = (
        await Promise.all([
          ...cover.reads.map((read) => deps.rollups.read(read, query.carrierId)),
          ...cover.partialDays.map((day) => deps.rollups.foldPartialDay(day, { from, to }, query.carrierId)),
        ])
      ).flat();
      const members = new Map<string, RollupTotals[]>();
      for (const row of rows) {
        if (row.totals.orders === 0) continue;
        const key = groupKey(row, query.groupBy);
        (members.get(key) ?? members.set(key, []).get(key)!).push(row.totals);
      }
      const groups = new Map([...members].map(([key, list]) => [key, sumTotals(list)] as const));
      // Every row is in one group: the total is the groups' sum.
      const total = sumTotals([...groups.values()]);
      const at = asOf.getTime();
      return {
        from: query.from.toISOString(),
        to: query.to.toISOString(),
        ...(query.carrierId ? { carrierId: query.carrierId } : {}),
        groupBy: query.groupBy,
        asOf: asOf.toISOString(),
        groups: [...groups.keys()].sort().map((key) => ({ key, ...figuresFromTotals(groups.get(key)!, at) })),
        total: figuresFromTotals(total, at),
      };
    },
  };
}
