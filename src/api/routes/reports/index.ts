import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppDeps, type AppEnv } from '../../app-env.js';
import { interimReportAccess } from './interim-report-access.js';
import { deliveryPerformance } from './reports.handlers.js';
import { deliveryPerformanceRoute } from './reports.routes.js';

/** Reports (issue #24): the delivery-performance report as JSON or CSV; staff only. */
export function reportsRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.use('/api/v1/reports/*', interimReportAccess(deps));
  router.openapi(deliveryPerformanceRoute, deliveryPerformance(deps));
  return router;
}
