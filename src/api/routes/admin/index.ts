import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppDeps, type AppEnv } from '../../app-env.js';
import { apiKeyAuth } from '../../middleware/api-key-auth.js';
import { markInPreparation, pollNow, rematchWebhook, shipmentDetail, unmatchedWebhooks } from './admin.handlers.js';
import { markInPreparationRoute, pollNowRoute, rematchWebhookRoute, shipmentDetailRoute, unmatchedWebhooksRoute } from './admin.routes.js';

/** Admin API: one shipment's detail and actions, unmatched webhooks; behind an admin key. */
export function adminRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.use('/api/v1/admin/*', apiKeyAuth(() => deps.auth.adminApiKeys, deps.abuseLimits ? { limits: deps.abuseLimits, logger: deps.logger } : undefined));
  router.openapi(shipmentDetailRoute, shipmentDetail(deps));
  router.openapi(pollNowRoute, pollNow(deps));
  router.openapi(markInPreparationRoute, markInPreparation(deps));
  router.openapi(unmatchedWebhooksRoute, unmatchedWebhooks(deps));
  router.openapi(rematchWebhookRoute, rematchWebhook(deps));
  return router;
}
