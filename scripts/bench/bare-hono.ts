import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { onCleanup } from './cleanup.js';

/**
 * The baseline: a bare Hono app served the same way as the API (@hono/node-server, this process), whose
 * webhook handler reads the body and answers 202 JSON, doing no verification and no storage. The gap to it
 * is what the real intake (signature, parse, inbox write, relay) costs.
 */
export async function startBareHono(): Promise<string> {
  const app = new Hono();
  let received = 0;
  app.post('/webhooks/:carrier', async (c) => {
    await c.req.arrayBuffer();
    received += 1;
    return c.json({ status: 'accepted', id: String(received), updates: 1 }, 202);
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    s.once('error', reject);
  });
  onCleanup('bare Hono server', async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
