import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../create-app.js';
import { notFound } from '../../errors.js';
import { apiKeyAuth } from '../../middleware/api-key-auth.js';
import { createOrderRoute, getOrderRoute } from './orders.routes.js';
import { toOrderView } from './order-view.js';

/** Storefront order endpoints: thin handlers over the order services. */
export function registerOrderRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const storefrontAuth = apiKeyAuth(() => deps.auth.storefrontApiKeys);
  app.use('/api/v1/orders', storefrontAuth);
  app.use('/api/v1/orders/*', storefrontAuth);

  app.openapi(createOrderRoute, async (c) => {
    const body = c.req.valid('json');
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    const { order, created } = await deps.services.orderIntake.placeOrder(body, idempotencyKey);
    return c.json(toOrderView(order, deps.publicBaseUrl), created ? 201 : 200);
  });

  app.openapi(getOrderRoute, async (c) => {
    const order = await deps.services.orders.findByCode(c.req.valid('param').code);
    if (!order) throw notFound('Order');
    return c.json(toOrderView(order, deps.publicBaseUrl), 200);
  });
}
