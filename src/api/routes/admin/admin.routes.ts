import { createRoute, z } from '@hono/zod-openapi';
import { safeText } from '../../text-schemas.js';
import { OrderCodeSchema, OrderViewSchema } from '../orders/orders.schemas.js';
import { adminErrors, adminSecurity as security, InboxIdSchema, Loose } from './admin.schemas.js';

const params = z.object({ code: OrderCodeSchema });

export const shipmentDetailRoute = createRoute({
  method: 'get',
  path: '/api/v1/admin/shipments/{code}',
  tags: ['Admin'],
  summary: 'Shipment detail: full event history, audit log, notifications, alerts and live workflow state',
  security,
  request: { params },
  responses: {
    200: {
      description: 'Everything known about one shipment',
      content: {
        'application/json': {
          schema: z
            .object({
              order: OrderViewSchema,
              shipment: Loose.nullable(),
              events: z.array(Loose),
              auditLog: z.array(Loose),
              notifications: z.array(Loose),
              alerts: z.array(Loose),
              workflow: Loose.nullable().openapi({ description: 'Live state from a Temporal query; null once tracking ended.' }),
            })
            .openapi('ShipmentDetail'),
        },
      },
    },
    ...adminErrors(404),
  },
});

export const pollNowRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/shipments/{code}/poll-now',
  tags: ['Admin'],
  summary: 'Ask the carrier for news now instead of at the next poll (operator; audited)',
  security,
  request: { params },
  responses: { 202: { description: 'Poll requested' }, ...adminErrors(404, 409, 503) },
});

export const markInPreparationRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/shipments/{code}/in-preparation',
  tags: ['Admin'],
  summary: 'Mark the order as being prepared by the shop (operator; audited)',
  security,
  request: { params },
  responses: {
    200: { description: 'Workflow state after the change', content: { 'application/json': { schema: Loose } } },
    ...adminErrors(404, 409, 503),
  },
});

const InboxEntrySchema = z
  .object({
    id: z.string(),
    carrierId: z.string(),
    receivedAt: z.string(),
    status: z.string(),
    deliveries: z.array(z.object({ trackingNumber: z.string(), orderCode: z.string().optional(), state: z.string() })),
    updates: z.array(Loose),
  })
  .openapi('WebhookInboxEntry');

export const unmatchedWebhooksRoute = createRoute({
  method: 'get',
  path: '/api/v1/admin/webhooks/unmatched',
  tags: ['Admin'],
  summary: 'Webhooks whose tracking number matched no order',
  security,
  request: { query: z.object({ trackingNumber: safeText(40).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: {
    200: { description: 'Newest first', content: { 'application/json': { schema: z.object({ webhooks: z.array(InboxEntrySchema) }) } } },
    ...adminErrors(400),
  },
});

export const rematchWebhookRoute = createRoute({
  method: 'post',
  path: '/api/v1/admin/webhooks/{id}/rematch',
  tags: ['Admin'],
  summary: 'Point an unmatched webhook at an order and relay it (operator; audited)',
  security,
  request: {
    params: z.object({ id: InboxIdSchema }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            trackingNumber: safeText(40, 1).optional().openapi({ description: 'Which unmatched tracking number; may be left out when the webhook has one.' }),
            orderCode: OrderCodeSchema,
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'Relay outcome', content: { 'application/json': { schema: z.object({ status: z.string() }) } } },
    ...adminErrors(400, 404, 409, 422),
  },
});
