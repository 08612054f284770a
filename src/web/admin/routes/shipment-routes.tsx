import type { Hono } from 'hono';
import { ServiceError } from '../../../services/service-error.js';
import { sendPage } from '../../routes/render.js';
import type { AdminPagesDeps } from '../admin-deps.js';
import { actAndReturn, doneText, errorText, formText } from '../http/action-outcome.js';
import { requireRole, type AdminEnv } from '../http/admin-session.js';
import { StalledPage } from '../pages/stalled-page.js';
import { HealthPage } from '../pages/health-page.js';
import { ShipmentPage } from '../pages/shipment-page.js';

/** Order codes as the API accepts them; anything else is a 404 before any query. */
const ORDER_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Back to an admin page only (the hidden `back` field), else `fallback`. */
const backTo = (value: string, fallback: string) => (/^\/admin\/[A-Za-z0-9/._-]*$/.test(value) ? value : fallback);

/** The stalled list, carrier health, one shipment's detail, raw webhook payloads, and the shipment actions. */
export function registerShipmentRoutes(router: Hono<AdminEnv>, deps: AdminPagesDeps): void {
  const name = (id: string) => deps.carrierNames[id] ?? id;
  const flash = (c: { req: { query(k: string): string | undefined } }) => {
    const done = doneText(c.req.query('done'));
    const error = errorText(c.req.query('error'));
    return { ...(done ? { done } : {}), ...(error ? { error } : {}) };
  };

  router.get('/stalled', async (c) => {
    const rows = await deps.queries.stalledShipments();
    const ui = deps.temporalUi ? { temporalUi: deps.temporalUi } : {};
    return sendPage(c, <StalledPage session={c.get('session')} rows={rows} now={(deps.now ?? Date.now)()} carrierName={name} {...ui} {...flash(c)} />);
  });

  router.get('/health', async (c) => {
    const rows = await deps.carrierHealth.listCarriers();
    return sendPage(c, <HealthPage session={c.get('session')} rows={rows} now={(deps.now ?? Date.now)()} />);
  });

  router.get('/shipments/:code', async (c) => {
    const code = c.req.param('code');
    if (!ORDER_CODE.test(code)) return c.text('No such order.', 404);
    try {
      const actor = c.get('actor');
      const [detail, notes, history] = await Promise.all([
        deps.queries.shipmentDetail(code),
        deps.actions.listNotes(actor, code),
        deps.actions.searchAudit(actor, { orderCode: code, limit: 100 }),
      ]);
      const ui = deps.temporalUi ? { temporalUi: deps.temporalUi } : {};
      return sendPage(c, <ShipmentPage session={c.get('session')} detail={detail} notes={notes} history={history.entries} {...ui} {...flash(c)} />);
    } catch (err) {
      if (err instanceof ServiceError && err.code === 'NOT_FOUND') return c.text(`No order ${code}.`, 404);
      throw err;
    }
  });

  router.get('/webhooks/:id/raw', async (c) => {
    const raw = await deps.queries.rawPayload(c.req.param('id'));
    if (!raw) return c.text('No such webhook (the inbox keeps them for WEBHOOK_INBOX_RETENTION).', 404);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', 'inline');
    // Plain text (nosniff is set): a payload is never interpreted as a page.
    return c.body(`${raw.carrierId} webhook received ${raw.receivedAt}\n\n${raw.rawBody}`, 200, { 'content-type': 'text/plain; charset=utf-8' });
  });

  const act = requireRole('shipments:act');
  router.post('/shipments/:code/poll-now', act, async (c) => {
    const code = c.req.param('code');
    const back = backTo(await formText(c, 'back'), `/admin/shipments/${encodeURIComponent(code)}`);
    return actAndReturn(c, deps, back, 'polled', () => deps.actions.pollNow(c.get('actor'), code));
  });
  router.post('/shipments/:code/handled', act, async (c) => {
    const code = c.req.param('code');
    const back = backTo(await formText(c, 'back'), '/admin/stalled');
    return actAndReturn(c, deps, back, 'handled', () => deps.actions.markStallHandled(c.get('actor'), code));
  });
  router.post('/shipments/:code/notes', act, async (c) => {
    const code = c.req.param('code');
    const text = await formText(c, 'text', 2000);
    const back = backTo(await formText(c, 'back'), `/admin/shipments/${encodeURIComponent(code)}`);
    if (!text) return c.redirect(`${back}?error=INVALID`, 303);
    return actAndReturn(c, deps, back, 'noted', () => deps.actions.addNote(c.get('actor'), code, text));
  });
}
