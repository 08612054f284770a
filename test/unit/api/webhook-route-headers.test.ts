import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../src/api/app-env.js';
import { webhooksRouter } from '../../../src/api/routes/webhooks/index.js';
import type { IncomingWebhook } from '../../../src/carriers/carrier-adapter.js';

// What the route hands the webhook intake (which verifies signatures from these headers): the same whether
// the request came over a socket or through app.request().
const received: { carrierId: string; webhook: IncomingWebhook }[] = [];
const intake = {
  async receive(carrierId: string, webhook: IncomingWebhook) {
    received.push({ carrierId, webhook });
    return { status: 'accepted' as const, id: 'inbox-1', updates: 1 };
  },
};
const app = webhooksRouter({ services: { webhookIntake: intake }, webhookMaxBodyBytes: 1024 } as unknown as AppDeps);

let server: ServerType;
let port: number;
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      port = info.port;
      resolve();
    });
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Posts over a real socket; a header given several values is sent as several lines, as a client can. */
function post(path: string, headers: Record<string, string | string[]>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sent = { 'Content-Type': 'application/json', 'X-Sim-Signature': 'abc', 'X-Forwarded-For': ['10.0.0.1', '10.0.0.2'], 'X-Webhook-Token': 'forged' };

describe('POST /webhooks/:carrier hands the intake', () => {
  it('over a socket: lower-case names, a repeated header joined, a client-sent token header dropped, the URL token kept', async () => {
    received.length = 0;
    expect(await post('/webhooks/shippo?token=from-url', sent, '{"a":1}')).toBe(202);
    const [call] = received;
    expect(call?.carrierId).toBe('shippo');
    expect(call?.webhook.rawBody.toString()).toBe('{"a":1}');
    expect(call?.webhook.headers).toMatchObject({ 'content-type': 'application/json', 'x-sim-signature': 'abc', 'x-forwarded-for': '10.0.0.1, 10.0.0.2', 'x-webhook-token': 'from-url' });
    expect(call?.webhook.remoteAddress).toBe('127.0.0.1');

    received.length = 0;
    expect(await post('/webhooks/shippo', sent, '{}')).toBe(202);
    expect(received[0]?.webhook.headers['x-webhook-token']).toBeUndefined();
  });

  it('through app.request() the same headers', async () => {
    received.length = 0;
    const headers = new Headers();
    for (const [name, value] of Object.entries(sent)) for (const v of [value].flat()) headers.append(name, v);
    const res = await app.request('/webhooks/shippo?token=from-url', { method: 'POST', headers, body: '{"a":1}' });
    expect(res.status).toBe(202);
    expect(received[0]?.webhook.headers).toMatchObject({ 'content-type': 'application/json', 'x-sim-signature': 'abc', 'x-forwarded-for': '10.0.0.1, 10.0.0.2', 'x-webhook-token': 'from-url' });
  });
});
