import type { RouteHandler } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../app-env.js';
import type { PlaceOrderInput } from '../../../services/place-order-input.js';
import type { CreateOrderBody } from './orders.schemas.js';
import type {
  cancelOrderRoute,
  createOrderRoute,
  getOrderRoute,
  listOrdersRoute,
  setPreferencesRoute,
  getPreferencesRoute,
  trackByNumberRoute,
} from './orders.routes.js';

/** The storefront's body as order intake's input: the contract may grow fields the use-case never sees. */
export function toPlaceOrderInput(body: CreateOrderBody): PlaceOrderInput {
  return {
    orderCode: body.orderCode,
    ...(body.placedAt ? { placedAt: body.placedAt } : {}),
    customer: body.customer,
    items: body.items,
    shippingAddress: body.shippingAddress,
    ...(body.currency ? { currency: body.currency } : {}),
    ...(body.totalCents !== undefined ? { totalCents: body.totalCents } : {}),
    shipping: body.shipping,
    ...(body.notifications ? { notifications: body.notifications } : {}),
  };
}

export const createOrder =
  ({ services }: AppDeps): RouteHandler<typeof createOrderRoute, AppEnv> =>
  async (c) => {
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    const { order, created } = await services.orderIntake.placeOrder(toPlaceOrderInput(c.req.valid('json')), idempotencyKey);
    return c.json(order, created ? 201 : 200);
  };

export const listOrders =
  ({ services }: AppDeps): RouteHandler<typeof listOrdersRoute, AppEnv> =>
  async (c) => {
    const { customerEmail, limit, before } = c.req.valid('query');
    return c.json(await services.orderQueries.listForCustomer(customerEmail, { limit, ...(before ? { before } : {}) }), 200);
  };

export const cancelOrder =
  ({ services }: AppDeps): RouteHandler<typeof cancelOrderRoute, AppEnv> =>
  async (c) => {
    const { code } = c.req.valid('param');
    // The body is optional and has no schema: an empty, non-JSON or non-object body (`null` too) means no reason.
    const body: unknown = await c.req.json().catch(() => undefined);
    const given = body !== null && typeof body === 'object' ? (body as { reason?: unknown }).reason : undefined;
    const reason = typeof given === 'string' ? given.slice(0, 500) : undefined;
    return c.json(await services.shipmentActions.cancel(code, reason), 202);
  };

export const setPreferences =
  ({ services }: AppDeps): RouteHandler<typeof setPreferencesRoute, AppEnv> =>
  async (c) => {
    const { channels, triggers, language, timeZone, quietHours } = c.req.valid('json');
    const order = await services.shipmentActions.setNotificationPreferences(c.req.valid('param').code, {
      channels,
      ...(triggers ? { triggers } : {}),
      language,
      ...(timeZone ? { timeZone } : {}),
      ...(quietHours ? { quietHours } : {}),
    });
    return c.json(order, 200);
  };

export const getPreferences =
  ({ services }: AppDeps): RouteHandler<typeof getPreferencesRoute, AppEnv> =>
  async (c) =>
    c.json(await services.notificationSettings.get(c.req.valid('param').code), 200);

export const trackByNumber =
  ({ services }: AppDeps): RouteHandler<typeof trackByNumberRoute, AppEnv> =>
  async (c) =>
    c.json(await services.orderQueries.trackByNumber(c.req.valid('param').trackingNumber), 200);

export const getOrder =
  ({ services }: AppDeps): RouteHandler<typeof getOrderRoute, AppEnv> =>
  async (c) =>
    c.json(await services.orderQueries.getOrder(c.req.valid('param').code), 200);
