import { getConnInfo } from '@hono/node-server/conninfo';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../create-app.js';
import { bodySizeLimit } from '../../middleware/body-size-limit.js';
import { carrierWebhookRoute } from './webhooks.routes.js';

/** Header the Shippo adapter reads its URL token from; a client-sent copy is always discarded. */
const WEBHOOK_TOKEN_HEADER = 'x-webhook-token';

function remoteAddress(c: Parameters<typeof getConnInfo>[0]): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // app.request() in tests has no socket
  }
}

/** POST /webhooks/:carrier — raw bytes in, inbox write, then the answer. */
export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps & { webhookMaxBodyBytes: number }): void {
  app.openAPIRegistry.registerPath(carrierWebhookRoute);
  app.post(
    '/webhooks/:carrier',
    bodySizeLimit(deps.webhookMaxBodyBytes, 'Webhook body'),
    async (c) => {
      const receivedAtMs = Date.now();
      const rawBody = Buffer.from(await c.req.arrayBuffer());
      const headers: Record<string, string | undefined> = {};
      c.req.raw.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      delete headers[WEBHOOK_TOKEN_HEADER];
      const token = c.req.query('token');
      if (token) headers[WEBHOOK_TOKEN_HEADER] = token;
      const address = remoteAddress(c);
      const outcome = await deps.services.webhookIntake.receive(
        c.req.param('carrier'),
        { rawBody, headers, receivedAtMs, ...(address ? { remoteAddress: address } : {}) },
        headers['content-type'],
      );
      return outcome.status === 'duplicate' ? c.json(outcome, 200) : c.json(outcome, 202);
    },
  );
}
