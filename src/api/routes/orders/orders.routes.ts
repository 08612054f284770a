import { isKnownTimeZone } from '../../../domain/quiet-hours.js';
import { createRoute, z } from '@hono/zod-openapi';
import { safeText } from '../../text-schemas.js';
import { errorResponses } from '../../errors.js';
import { NOTIFICATION_CHANNELS, NOTIFICATION_TRIGGERS } from '../../../domain/notification-policy.js';
import { CreateOrderBodySchema, OrderCodeSchema, OrderViewSchema } from './orders.schemas.js';

const security = [{ storefrontKey: [] }];

export const createOrderRoute = createRoute({
  method: 'post',
  path: '/api/v1/orders',
  tags: ['Storefront'],
  summary: 'Place an order and start tracking it',
  description:
    'Stores the order durably, then starts its ShipmentWorkflow. Send an `Idempotency-Key` header: a retry with the ' +
    'same key and body answers 200 with the same order and never starts a second workflow.',
  security,
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
    body: { required: true, content: { 'application/json': { schema: CreateOrderBodySchema } } },
  },
  responses: {
    201: { description: 'Order accepted and tracking started', content: { 'application/json': { schema: OrderViewSchema } } },
    200: { description: 'Same order already accepted (idempotent retry)', content: { 'application/json': { schema: OrderViewSchema } } },
    ...errorResponses(400, 401, 409, 413, 422, 503),
  },
});

export const getOrderRoute = createRoute({
  method: 'get',
  path: '/api/v1/orders/{code}',
  tags: ['Storefront'],
  summary: 'Get an order with its current status',
  security,
  request: { params: z.object({ code: OrderCodeSchema }) },
  responses: {
    200: { description: 'The order', content: { 'application/json': { schema: OrderViewSchema } } },
    ...errorResponses(400, 401, 404),
  },
});

export const listOrdersRoute = createRoute({
  method: 'get',
  path: '/api/v1/orders',
  tags: ['Storefront'],
  summary: "A customer's orders (My Orders), newest first",
  security,
  request: {
    query: z.object({
      customerEmail: z.email(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      before: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Cursor: `nextBefore` of the previous page.' }),
    }),
  },
  responses: {
    200: {
      description: 'One page of orders',
      content: { 'application/json': { schema: z.object({ orders: z.array(OrderViewSchema), nextBefore: z.string().optional() }).openapi('OrderPage') } },
    },
    ...errorResponses(400, 401),
  },
});

export const cancelOrderRoute = createRoute({
  method: 'post',
  path: '/api/v1/orders/{code}/cancel',
  tags: ['Storefront'],
  summary: 'Cancel an order that has not been delivered',
  description:
    'Accepted (202) once the shipment workflow has the request; the order shows `cancelled` moments later. ' +
    'An optional JSON body `{"reason": "…"}` is kept in the audit trail; an empty body is fine.',
  security,
  request: { params: z.object({ code: OrderCodeSchema }) },
  responses: {
    202: { description: 'Cancellation requested', content: { 'application/json': { schema: OrderViewSchema } } },
    ...errorResponses(400, 401, 404, 409, 503),
  },
});

export const trackByNumberRoute = createRoute({
  method: 'get',
  path: '/api/v1/track/{trackingNumber}',
  tags: ['Storefront'],
  summary: 'Status by tracking number: status, estimated delivery and carrier',
  security,
  request: { params: z.object({ trackingNumber: safeText(40, 4).openapi({ example: '1Z5R89390357567127' }) }) },
  responses: {
    200: { description: 'The order shipped under this tracking number', content: { 'application/json': { schema: OrderViewSchema } } },
    ...errorResponses(400, 401, 404),
  },
});

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const NotificationPreferencesSchema = z
  .object({
    channels: z.array(z.enum(NOTIFICATION_CHANNELS)).max(3),
    triggers: z.array(z.enum(NOTIFICATION_TRIGGERS)).optional(),
    language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).default('en'),
    timeZone: z
      .string()
      .max(64)
      .refine(isKnownTimeZone, 'an IANA time zone, e.g. Europe/Istanbul')
      .optional()
      .openapi({ description: 'IANA time zone of quiet hours and dates in messages', example: 'Europe/Istanbul' }),
    quietHours: z
      .object({ start: z.string().regex(HH_MM, 'HH:MM, 24-hour'), end: z.string().regex(HH_MM, 'HH:MM, 24-hour') })
      .optional()
      .openapi({ description: 'Text messages due in this local window wait until its end (e-mail is not held); needs timeZone', example: { start: '22:00', end: '08:00' } }),
  })
  .refine((p) => !p.quietHours || p.timeZone, { message: 'quietHours needs timeZone', path: ['timeZone'] })
  .openapi('NotificationPreferences');

const NotificationSettingsSchema = z
  .object({
    orderCode: z.string(),
    preferences: z.object({ channels: z.array(z.string()), triggers: z.array(z.string()).optional(), language: z.string(), timeZone: z.string().optional(), quietHours: z.object({ start: z.string(), end: z.string() }).optional() }),
    optedOut: z.array(z.string()).openapi({ description: 'Channels the customer left (SMS STOP, unsubscribe link)' }),
    messages: z.array(
      z.object({
        key: z.string(), trigger: z.string(), channel: z.string(), status: z.enum(['requested', 'sending', 'sent', 'failed', 'skipped']),
        attempts: z.number(), requestedAt: z.string(), sentAt: z.string().optional(), reason: z.string().optional(), error: z.string().optional(),
        deliveryState: z.string().optional(), notBefore: z.string().optional(), failoverOf: z.string().optional(),
      }),
    ),
  })
  .openapi('NotificationSettings');

export const getPreferencesRoute = createRoute({
  method: 'get',
  path: '/api/v1/orders/{code}/notifications',
  tags: ['Storefront'],
  summary: "The order's notification preferences, the customer's opt-outs and the messages so far",
  security,
  request: { params: z.object({ code: OrderCodeSchema }) },
  responses: {
    200: { description: 'Settings and log', content: { 'application/json': { schema: NotificationSettingsSchema } } },
    ...errorResponses(400, 401, 404),
  },
});

export const setPreferencesRoute = createRoute({
  method: 'put',
  path: '/api/v1/orders/{code}/notifications',
  tags: ['Storefront'],
  summary: "Change the order's notification channels and moments (also the customer's default)",
  description: '`sms` needs the customer\'s phone number (`customer.phone` of an order): without one the change is refused with 422 `CHANNEL_NEEDS_PHONE`.',
  security,
  request: {
    params: z.object({ code: OrderCodeSchema }),
    body: { required: true, content: { 'application/json': { schema: NotificationPreferencesSchema } } },
  },
  responses: {
    200: { description: 'Preferences saved and sent to the shipment', content: { 'application/json': { schema: OrderViewSchema } } },
    ...errorResponses(400, 401, 404, 422, 503),
  },
});
