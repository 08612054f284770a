import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProjectionInput } from '../../../activities/activity-types.js';
import { createOrderRepository } from '../../../src/db/orders/repository.js';
import { createProjectionRepository } from '../../../src/db/shipments/projection-repository.js';
import { createWebRouter } from '../../../src/web/create-web-router.js';
import { createCachedViews } from '../../../src/web/live/cached-tracking-queries.js';
import type { LiveHub } from '../../../src/web/live/live-hub.js';
import { signTrackingToken } from '../../../src/web/links/tracking-links.js';
import { linkSettings } from '../../../src/web/routes/page-setup.js';
import { testWebConfig } from '../../unit/web/support/in-memory-web-deps.js';
import { uniqueName } from '../../support/servers.js';
import { mongoWebDeps } from './mongo-view-queries.js';
import { useTwoConnections } from './two-connections.js';
import { newOrderRecord } from '../../support/orders.js';

const pair = useTwoConnections('live');
const config = testWebConfig({ livePollMs: 500 });
const servers: ServerType[] = [];
const hubs: LiveHub[] = [];
afterAll(async () => {
  hubs.forEach((h) => h.stop());
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** One "API process": its own connection, view cache, change feed and HTTP server. */
async function startProcess(index: 0 | 1): Promise<string> {
  const deps = mongoWebDeps(pair()[index]);
  // As src/bin/customer-pages.ts wires a process: the view cache and the open pages on one change feed.
  const views = createCachedViews(deps.queries, deps.changes, config);
  hubs.push(views.liveHub);
  const app = new Hono();
  app.route('/', createWebRouter({ ...deps, queries: views.queries, config, liveHub: views.liveHub }));
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Reads SSE messages from a streaming response, calling `onMessage` for each complete one. */
async function readEvents(res: Response, until: (event: string, data: string) => boolean): Promise<void> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended');
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = [...block.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join('\n');
      if (until(event, data)) {
        await reader.cancel();
        return;
      }
    }
  }
}

describe('TC002 live updates across API processes (real MongoDB-wire server, no change streams)', () => {
  it('a revision written through one process reaches a page streaming from another within 2 s', async () => {
    const [a] = pair();
    const code = uniqueName('LIVE');
    await createOrderRepository(a).create(
      newOrderRecord(code, { shippingAddress: { line1: '1 Main St', city: 'Atlanta', postalCode: '30303', country: 'US' }, placedAt: '2026-12-01T08:00:00Z' }),
      null,
    );
    const [, urlB] = [await startProcess(0), await startProcess(1)];
    const token = signTrackingToken(linkSettings(config), code, Date.now());

    const page = await fetch(`${urlB}/t/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('We have received your order');

    const controller = new AbortController();
    const stream = await fetch(`${urlB}/t/${token}/events?after=0`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    let appliedAt = 0;
    let receivedAt = 0;
    let update: { revision: number; status: string; html: string } | undefined;
    await readEvents(stream, (event, data) => {
      if (event === 'ready') {
        // Process A (its own connection) applies the carrier's "out for delivery" to the read model.
        const projection: ProjectionInput = {
          orderCode: code,
          carrierId: 'ups',
          revision: 2,
          status: 'out_for_delivery',
          milestone: 'out_for_delivery',
          milestoneAt: { order_received: '2026-12-01T08:00:00Z', out_for_delivery: '2026-12-02T08:00:00Z' },
          stalledSince: null,
          newEvents: [{ status: 'out_for_delivery', occurredAt: '2026-12-02T08:00:00Z', description: 'Out for delivery' }],
          eventSource: 'webhook',
        };
        appliedAt = Date.now();
        void createProjectionRepository(a).apply(projection, new Date());
        return false;
      }
      if (event !== 'update') return false;
      receivedAt = Date.now();
      update = JSON.parse(data);
      return true;
    });
    controller.abort();
    expect(update).toMatchObject({ revision: 2, status: 'out_for_delivery' });
    expect(update!.html).toContain('Your parcel arrives today');
    expect(update!.html).toMatch(/^<div id="live" data-revision="2">/);
    expect(receivedAt - appliedAt).toBeLessThan(2000);
  });

  it('a stream for a tampered link is refused', async () => {
    const url = await startProcess(0);
    const res = await fetch(`${url}/t/k1.abc.def/events`);
    expect(res.status).toBe(404);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
