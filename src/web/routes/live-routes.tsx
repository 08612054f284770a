import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { fill } from '../i18n/i18n.js';
import { LiveRegion } from '../tracking/live-region.js';
import { customerZone } from '../tracking/tracking-model.js';
import { languageFor, resolveToken } from './page-setup.js';
import type { ResolvedWebDeps } from './web-deps.js';

// Comment lines keep proxies from closing an idle stream.
const HEARTBEAT_MS = 15_000;

/**
 * `/t/:token/events`: Server-Sent Events. Each new revision of the order (found by the process's shared
 * poller) is sent as `event: update` with the re-rendered live fragment; `id` is the revision, so a
 * reconnecting browser's `Last-Event-ID` resumes where it left off.
 */
export function registerLiveRoutes(router: Hono, deps: ResolvedWebDeps): void {
  // Viewers of one order get one read and one render per revision and language, however many they are.
  const rendered = new Map<string, Promise<{ revision: number; data: string } | null>>();
  const render = (orderCode: string, revision: number, c: Context) => {
    // The cached view may predate the revision the poller found: at least that one.
    const view = deps.queries.loadTrackingView(orderCode, { minRevision: revision });
    return view.then(async (v) => {
      if (!v) return null;
      const { lang, m } = languageFor(c, v.language);
      const html = await (<LiveRegion view={v} ctx={{ lang, m, zone: customerZone(v), now: deps.now() }} />).toString();
      const title = `${m.headline[v.status]} · ${fill(m.orderTitle, { code: v.orderCode })}`;
      return { revision: Math.max(revision, v.revision), data: JSON.stringify({ revision: v.revision, status: v.status, title, html }) };
    });
  };
  const renderOnce = (orderCode: string, revision: number, c: Context) => {
    const key = `${orderCode}\n${revision}\n${languageFor(c).lang}`;
    let entry = rendered.get(key);
    if (!entry) {
      entry = render(orderCode, revision, c);
      rendered.set(key, entry);
      // Long enough for one poll's deliveries; a later reconnect re-reads.
      setTimeout(() => rendered.delete(key), 2_000).unref();
    }
    return entry;
  };

  router.get('/t/:token/events', async (c) => {
    const resolved = await resolveToken(deps, c.req.param('token'));
    if (!resolved.ok || resolved.legacy) return c.json({ error: { code: 'LINK_INVALID', message: 'this tracking link no longer works' } }, 404);
    const { orderCode } = resolved;
    const fromHeader = Number(c.req.header('last-event-id'));
    const fromQuery = Number(c.req.query('after'));
    const after = Math.max(Number.isFinite(fromHeader) ? fromHeader : 0, Number.isFinite(fromQuery) ? fromQuery : 0);
    c.header('X-Accel-Buffering', 'no');
    c.header('Cache-Control', 'no-store');

    return streamSSE(c, async (stream) => {
      let queue = Promise.resolve();
      const send = (revision: number) => {
        queue = queue.then(async () => {
          const update = await renderOnce(orderCode, revision, c);
          if (!update || stream.aborted) return;
          await stream.writeSSE({ event: 'update', id: String(update.revision), data: update.data });
        }).catch((err: unknown) => deps.logger?.warn('live update failed', { orderCode, err: String(err) }));
      };
      const unsubscribe = deps.liveHub.subscribe(orderCode, { after, deliver: (_code, revision) => send(revision) });
      stream.onAbort(unsubscribe);
      await stream.writeSSE({ event: 'ready', data: String(after), retry: 2000 });
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(HEARTBEAT_MS);
        if (!stream.aborted) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
    });
  });
}
