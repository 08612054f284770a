import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppDeps, type AppEnv } from '../../app-env.js';
import { apiKeyAuth } from '../../middleware/api-key-auth.js';
import { trackingMissLimit } from '../../middleware/tracking-miss-limit.js';
import { cancelOrder, createOrder, getOrder, getPreferences, listOrders, setPreferences, trackByNumber } from './orders.handlers.js';
import { cancelOrderRoute, createOrderRoute, getOrderRoute, getPreferencesRoute, listOrdersRoute, setPreferencesRoute, trackByNumberRoute } from './orders.routes.js';

/** Storefront endpoints: orders and tracking by number, behind a storefront key. */
export function ordersRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const router = createRouter();
  const guard = deps.abuseLimits ? { limits: deps.abuseLimits, logger: deps.logger } : undefined;
  // Besides STOREFRONT_API_KEYS: machine keys made by an admin with the `storefront` scope (revocable at once).
  const storedStorefrontKey = async (key: string) => key.startsWith('otk_live_') && ((await deps.services.adminAuth.apiKeys.verifyApiKey(key))?.scopes.includes('storefront') ?? false);
  const storefrontAuth = apiKeyAuth(() => deps.auth.storefrontApiKeys, guard, storedStorefrontKey);
  router.use('/api/v1/orders', storefrontAuth);
  router.use('/api/v1/orders/*', storefrontAuth);
  router.use('/api/v1/track/*', storefrontAuth);
  if (guard) router.use('/api/v1/track/*', trackingMissLimit(guard.limits));

  router.openapi(createOrderRoute, createOrder(deps));
  router.openapi(listOrdersRoute, listOrders(deps));
  router.openapi(cancelOrderRoute, cancelOrder(deps));
  router.openapi(setPreferencesRoute, setPreferences(deps));
  router.openapi(getPreferencesRoute, getPreferences(deps));
  router.openapi(trackByNumberRoute, trackByNumber(deps));
  router.openapi(getOrderRoute, getOrder(deps));
  return router;
}
