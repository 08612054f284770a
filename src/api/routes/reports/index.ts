import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppDeps, type AppEnv } from '../../app-env.js';
import { deliveryPerformance } from './reports.handlers.js';
import { deliveryPerformanceRoute } from './reports.routes.js';

/**
 * Reports (issue #24): the delivery-performance report as JSON or CSV. Staff only: createApp puts the one
 * admin guard (adminAccess: session or key → actor, `read` needed, storefront keys 403) before this router.
 */
export function reportsRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.openapi(deliveryPerformanceRoute, deliveryPerformance(deps));
  return router;
}
