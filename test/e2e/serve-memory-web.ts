import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { memoryWebApp } from '../unit/web/support/web-app.js';

/** A neutral logo badge for the browser tests (the app's own carrier logos live with the API's static routes). */
const badge = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48" viewBox="0 0 96 48"><rect width="96" height="48" rx="8" fill="#4b2e1e"/><text x="48" y="31" text-anchor="middle" font-family="sans-serif" font-size="18" font-weight="700" fill="#f5b800">${text}</text></svg>`;

/** The customer pages over the in-memory store, served on a free port of 127.0.0.1. */
export async function serveMemoryWeb(opts: { now?: number } = {}) {
  const web = memoryWebApp({ pollMs: 200, ...opts });
  const app = new Hono();
  app.get('/static/carriers/:file', (c) => c.body(badge(c.req.param('file').replace('.svg', '').toUpperCase()), 200, { 'content-type': 'image/svg+xml' }));
  app.route('/', web.app);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...web,
    url,
    close: () => {
      web.liveHub.stop();
      (server as Server).closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}
