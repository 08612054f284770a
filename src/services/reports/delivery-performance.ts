import type { ReportSource } from '../../db/reports/report-source.js';
import { foldReport } from './fold-report.js';
import type { ReportQuery } from './report-query.js';
import type { DeliveryPerformanceReport } from './report-types.js';

export interface DeliveryPerformanceDeps {
  source: ReportSource;
  now?: () => Date;
}

/** The delivery-performance use case: read the period's rows through the indexed pipelines and fold them. */
export function createDeliveryPerformanceService(deps: DeliveryPerformanceDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    async report(query: ReportQuery): Promise<DeliveryPerformanceReport> {
      const asOf = now();
      const rows = await deps.source.read({ from: query.from, to: query.to, ...(query.carrierId ? { carrierId: query.carrierId } : {}) });
      const { groups, total } = foldReport(rows, query.groupBy, asOf.getTime());
      return {
        from: query.from.toISOString(),
        to: query.to.toISOString(),
        ...(query.carrierId ? { carrierId: query.carrierId } : {}),
        groupBy: query.groupBy,
        asOf: asOf.toISOString(),
        groups,
        total,
      };
    },
  };
}

export type DeliveryPerformanceService = ReturnType<typeof createDeliveryPerformanceService>;
