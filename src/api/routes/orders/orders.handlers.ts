import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../create-app.js';
import { notFound } from '../../errors.js';
import { apiKeyAuth } from '../../middleware/api-key-auth.js';
import { cancelOrderRoute, createOrderRoute, getOrderRoute, listOrdersRoute, setPreferencesRoute, trackByNumberRoute } from './orders.routes.js';
import { normalizeTrackingNumber } from '../../../carriers/tracking-number/index.js';
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

  app.openapi(listOrdersRoute, async (c) => {
    const { customerEmail, limit, before } = c.req.valid('query');
    const customer = await deps.services.customers.findByEmail(customerEmail);
    const orders = customer ? await deps.services.orders.listByCustomer(customer.id, { limit, ...(before ? { before } : {}) }) : [];
    const last = orders.length === limit ? orders[orders.length - 1] : undefined;
    return c.json({ orders: orders.map((o) => toOrderView(o, deps.publicBaseUrl)), ...(last ? { nextBefore: last.placedAt } : {}) }, 200);
  });

  app.openapi(cancelOrderRoute, async (c) => {
    const { code } = c.req.valid('param');
    const body = (await c.req.json().catch(() => ({}))) as { reason?: unknown };
    const reason = typeof body.reason === 'string' ? body.reason.slice(0, 500) : undefined;
    const order = await deps.services.shipmentActions.cancel(code, reason);
    return c.json(toOrderView(order, deps.publicBaseUrl), 202);
  });

  app.openapi(setPreferencesRoute, async (c) => {
    const { channels, triggers, language } = c.req.valid('json');
    const order = await deps.services.shipmentActions.setNotificationPreferences(c.req.valid('param').code, {
      channels,
      ...(triggers ? { triggers } : {}),
      language,
    });
    return c.json(toOrderView(order, deps.publicBaseUrl), 200);
  });

  app.use('/api/v1/track/*', storefrontAuth);
  app.openapi(trackByNumberRoute, async (c) => {
    const trackingNumber = normalizeTrackingNumber(c.req.valid('param').trackingNumber);
    const order = await deps.services.orders.findByTrackingNumber(trackingNumber, '');
    if (!order) throw notFound('Shipment with this tracking number');
    return c.json(toOrderView(order, deps.publicBaseUrl), 200);
  });

  app.openapi(getOrderRoute, async (c) => {
    const order = await deps.services.orders.findByCode(c.req.valid('param').code);
    if (!order) throw notFound('Order');
    return c.json(toOrderView(order, deps.publicBaseUrl), 200);
  });
}
