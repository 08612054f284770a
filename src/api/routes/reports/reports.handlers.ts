import type { RouteHandler } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../app-env.js';
import { validationHook } from '../../validation-hook.js';
import { renderReportCsv } from '../../../services/reports/csv.js';
import { reportQuerySchema } from '../../../services/reports/report-query.js';
import type { DeliveryPerformanceReport } from '../../../services/reports/report-types.js';
import type { deliveryPerformanceRoute } from './reports.routes.js';

/** Whether the client asked for CSV (`Accept: text/csv`, alone or first among others). */
function wantsCsv(accept: string | undefined): boolean {
  return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept ?? '');
}

/** `delivery-performance_2026-11-01_2026-12-01_day[_dhl].csv`: only characters safe in a header. */
export function reportFileName(report: DeliveryPerformanceReport): string {
  const day = (iso: string) => iso.replace(/\.000Z$/, 'Z').replace(/T00:00:00Z$/, '').replace(/[^0-9A-Za-z-]/g, '');
  return ['delivery-performance', day(report.from), day(report.to), report.groupBy, ...(report.carrierId ? [report.carrierId] : [])].join('_') + '.csv';
}

export const deliveryPerformance =
  (deps: AppDeps): RouteHandler<typeof deliveryPerformanceRoute, AppEnv> =>
  async (c) => {
    const parsed = reportQuerySchema.safeParse(c.req.valid('query'));
    // Same 400 body as the route's own validation (to after from, at most 366 days, carrier id shape).
    if (!parsed.success) {
      validationHook({ ...parsed, target: 'query' }, c);
      throw parsed.error;
    }
    const report = await deps.services.deliveryPerformance.report(parsed.data);
    if (!wantsCsv(c.req.header('accept'))) return c.json(report, 200);
    c.header('Content-Disposition', `attachment; filename="${reportFileName(report)}"`);
    c.header('Cache-Control', 'no-store');
    return c.body(renderReportCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  };
