import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppDeps, type AppEnv } from '../../app-env.js';
import { apiKeyAuth } from '../../middleware/api-key-auth.js';
import { trackingMissLimit } from '../../middleware/tracking-miss-limit.js';
import { cancelOrder, createOrder, getOrder, listOrders, setPreferences, trackByNumber } from './orders.handlers.js';
import { cancelOrderRoute, createOrderRoute, getOrderRoute, listOrdersRoute, setPreferencesRoute, trackByNumberRoute } from './orders.routes.js';

/** Storefront endpoints: orders and tracking by number, behind a storefront key. */
export function ordersRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const router = createRouter();
  const guard = deps.abuseLimits ? { limits: deps.abuseLimits, logger: deps.logger } : undefined;
  const storefrontAuth = apiKeyAuth(() => deps.auth.storefrontApiKeys, guard);
  router.use('/api/v1/orders', storefrontAuth);
  router.use('/api/v1/orders/*', storefrontAuth);
  router.use('/api/v1/track/*', storefrontAuth);
  if (guard) router.use('/api/v1/track/*', trackingMissLimit(guard.limits));

  router.openapi(createOrderRoute, createOrder(deps));
  router.openapi(listOrdersRoute, listOrders(deps));
  router.openapi(cancelOrderRoute, cancelOrder(deps));
  router.openapi(setPreferencesRoute, setPreferences(deps));
  router.openapi(trackByNumberRoute, trackByNumber(deps));
  router.openapi(getOrderRoute, getOrder(deps));
  return router;
}
