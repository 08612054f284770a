import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppDeps, type AppEnv } from '../../app-env.js';
import { bodySizeLimit } from '../../middleware/body-size-limit.js';
import { receiveWebhook } from './webhooks.handlers.js';
import { carrierWebhookRoute } from './webhooks.routes.js';

/** Default largest webhook body (bytes) when the deps name none. */
const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

/** Carrier webhooks: verified by each carrier's own scheme, so no API key. */
export function webhooksRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const router = createRouter();
  // Documented only: the handler reads the raw bytes itself (see webhooks.routes.ts).
  router.openAPIRegistry.registerPath(carrierWebhookRoute);
  router.post(
    '/webhooks/:carrier',
    bodySizeLimit(deps.webhookMaxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES, 'Webhook body'),
    receiveWebhook(deps),
  );
  return router;
}
