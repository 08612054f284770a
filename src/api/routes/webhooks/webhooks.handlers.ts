import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.js';

/** Header the Shippo adapter reads its URL token from; a client-sent copy is always discarded. */
const WEBHOOK_TOKEN_HEADER = 'x-webhook-token';

function remoteAddress(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // app.request() in tests has no socket
  }
}

/** POST /webhooks/:carrier — raw bytes in, inbox write, then the answer. */
export const receiveWebhook =
  ({ services }: AppDeps) =>
  async (c: Context<AppEnv, '/webhooks/:carrier'>) => {
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
    const outcome = await services.webhookIntake.receive(
      c.req.param('carrier'),
      { rawBody, headers, receivedAtMs, ...(address ? { remoteAddress: address } : {}) },
      headers['content-type'],
    );
    return outcome.status === 'duplicate' ? c.json(outcome, 200) : c.json(outcome, 202);
  };
