import { createRoute, z } from '@hono/zod-openapi';
import { CARRIER_IDS } from '../../../carriers/carrier-adapter.js';
import { errorResponses } from '../../errors.js';

/**
 * Documented for OpenAPI only: the handler reads the raw bytes itself, because signatures are computed
 * over the body exactly as sent and a JSON validator would re-serialise it.
 */
export const carrierWebhookRoute = createRoute({
  method: 'post',
  path: '/webhooks/{carrier}',
  tags: ['Carrier webhooks'],
  summary: 'Receive a carrier or aggregator tracking webhook',
  description:
    'Verified with the carrier\'s own scheme (EasyPost `X-Hmac-Signature`, AfterShip `aftership-hmac-sha256`, ' +
    'Shippo `?token=`, UPS Track Alert `credential`, simulator `x-sim-signature`), written to the inbox, then ' +
    'answered; relayed to the shipment\'s workflow right after. A repeated delivery is answered 200 and dropped.',
  request: { params: z.object({ carrier: z.enum(CARRIER_IDS) }) },
  responses: {
    202: {
      description: 'Stored durably; relay under way',
      content: { 'application/json': { schema: z.object({ status: z.literal('accepted'), id: z.string(), updates: z.number() }) } },
    },
    200: { description: 'Duplicate delivery, acknowledged', content: { 'application/json': { schema: z.object({ status: z.literal('duplicate') }) } } },
    ...errorResponses(400, 401, 404, 413),
    403: { description: 'Source address not in the carrier\'s allow-list' },
  },
});
