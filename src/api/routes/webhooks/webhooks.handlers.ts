import type { HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../../create-app.js';
import { bodySizeLimit } from '../../middleware/body-size-limit.js';
import { carrierWebhookRoute } from './webhooks.routes.js';

/** Header the Shippo adapter reads its URL token from; a client-sent copy is always discarded. */
const WEBHOOK_TOKEN_HEADER = 'x-webhook-token';

/**
 * The request's headers by lower-case name. Read from Node's request when there is one: going through
 * the Fetch `Headers` that @hono/node-server builds on first use cost about 3% of the API thread's CPU per
 * webhook. Both join a repeated header's values with ", ".
 */
function headersOf(c: Context): Record<string, string | undefined> {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  const headers: Record<string, string | undefined> = {};
  if (incoming) {
    for (const [name, value] of Object.entries(incoming.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  } else {
    c.req.raw.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
  }
  return headers;
}

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
      const headers = headersOf(c);
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
