/**
 * bench:tracking's baseline server, run as a process of its own like the API: a bare Hono app on
 * @hono/node-server whose one GET handler answers a small HTML body from memory (no database, no render).
 * The gap between it and the tracking routes is what they cost. Prints `{"port":…}` once listening.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/bare/:token', (c) => c.html(`<!doctype html><p>${c.req.param('token').length}</p>`));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
