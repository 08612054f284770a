import type { Context, Hono } from 'hono';
import { renderAfterShipTracking } from '../formats/aftership.js';
import { easyPostTrackerId, renderEasyPostTracker } from '../formats/easypost.js';
import { authValue, hasBasicUser } from '../formats/format-helpers.js';
import { renderShippoTrack, renderShippoUnknown } from '../formats/shippo.js';
import { ensureShipment, lookupShipment, trackingGate, type SimContext } from '../sim-context.js';

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const value: unknown = await c.req.json().catch(() => undefined);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** EasyPost trackers under `/easypost/v2`: HTTP Basic with the API key as user. */
function registerEasyPost(app: Hono, ctx: SimContext): void {
  const unauthorized = (c: Context) => c.json({ error: { code: 'APIKEY.REQUIRED', message: 'API key required.', errors: [] } }, 401);

  app.post('/easypost/v2/trackers', async (c) => {
    if (!hasBasicUser(c)) return unauthorized(c);
    const tracker = (await jsonBody(c)).tracker as Record<string, unknown> | undefined;
    const code = str(tracker?.tracking_code);
    if (!code) return c.json({ error: { code: 'TRACKER.TRACKING_CODE.INVALID', message: 'tracking_code is required', errors: [] } }, 422);
    return c.json(renderEasyPostTracker(ensureShipment(ctx, code, 'easypost'), ctx.clock.now()), 201);
  });

  app.get('/easypost/v2/trackers', async (c) => {
    if (!hasBasicUser(c)) return unauthorized(c);
    const code = str(c.req.query('tracking_code'));
    if (code) {
      const failed = await trackingGate(ctx, 'easypost', [code]);
      if (failed) return failed;
    }
    const shipment = code ? lookupShipment(ctx, code, 'easypost') : undefined;
    return c.json({ trackers: shipment ? [renderEasyPostTracker(shipment, ctx.clock.now())] : [], has_more: false });
  });

  app.get('/easypost/v2/trackers/:id', (c) => {
    if (!hasBasicUser(c)) return unauthorized(c);
    const shipment = ctx.store.list().find((s) => easyPostTrackerId(s) === c.req.param('id'));
    if (!shipment) return c.json({ error: { code: 'NOT_FOUND', message: 'The requested resource could not be found.', errors: [] } }, 404);
    return c.json(renderEasyPostTracker(shipment, ctx.clock.now()));
  });
}

/** AfterShip Tracking API under `/aftership` (with or without `/tracking/<version>`): `as-api-key` header. */
function registerAfterShip(app: Hono, ctx: SimContext): void {
  const meta = (code: number, message: string, type: string) => ({ meta: { code, message, type } });
  for (const base of ['/aftership', '/aftership/tracking/:version']) {
    app.use(`${base}/trackings`, async (c, next) => {
      if (!c.req.header('as-api-key')) return c.json({ ...meta(401, 'Invalid API key.', 'Unauthorized'), data: {} }, 401);
      await next();
    });
    app.use(`${base}/trackings/*`, async (c, next) => {
      if (!c.req.header('as-api-key')) return c.json({ ...meta(401, 'Invalid API key.', 'Unauthorized'), data: {} }, 401);
      await next();
    });

    app.post(`${base}/trackings`, async (c) => {
      const number = str((await jsonBody(c)).tracking_number);
      if (!number) return c.json({ ...meta(4001, 'Invalid JSON data.', 'BadRequest'), data: {} }, 400);
      const data = renderAfterShipTracking(ensureShipment(ctx, number, 'aftership'), ctx.clock.now());
      return c.json({ ...meta(201, '', ''), data }, 201);
    });

    app.get(`${base}/trackings`, async (c) => {
      const numbers = (c.req.query('tracking_numbers') ?? '').split(',').map((n) => n.trim()).filter(Boolean);
      if (numbers.length > 0) {
        const failed = await trackingGate(ctx, 'aftership', numbers);
        if (failed) return failed;
      }
      const now = ctx.clock.now();
      const trackings = numbers.flatMap((n) => {
        const shipment = lookupShipment(ctx, n, 'aftership');
        return shipment ? [renderAfterShipTracking(shipment, now)] : [];
      });
      return c.json({ ...meta(200, '', ''), data: { trackings, pagination: { total: trackings.length, has_next_page: false } } });
    });

    app.get(`${base}/trackings/:id`, (c) => {
      const shipment = ctx.store.list().find((s) => renderAfterShipTracking(s, 0).id === c.req.param('id'));
      if (!shipment) return c.json({ ...meta(4004, 'Tracking does not exist.', 'NotFound'), data: {} }, 404);
      return c.json({ ...meta(200, '', ''), data: renderAfterShipTracking(shipment, ctx.clock.now()) });
    });
  }
}

/** Shippo tracks under `/shippo`: `Authorization: ShippoToken <token>`. */
function registerShippo(app: Hono, ctx: SimContext): void {
  const unauthorized = (c: Context) => c.json({ detail: 'Invalid token.' }, 401);

  app.get('/shippo/tracks/:carrier/:trackingNumber', async (c) => {
    if (!authValue(c, 'ShippoToken')) return unauthorized(c);
    const { carrier, trackingNumber } = c.req.param();
    const failed = await trackingGate(ctx, 'shippo', [trackingNumber]);
    if (failed) return failed;
    const shipment = lookupShipment(ctx, trackingNumber, 'shippo');
    return c.json(shipment ? renderShippoTrack(shipment, ctx.clock.now(), carrier) : renderShippoUnknown(carrier, trackingNumber));
  });

  app.post('/shippo/tracks', async (c) => {
    if (!authValue(c, 'ShippoToken')) return unauthorized(c);
    const body = await jsonBody(c);
    const carrier = str(body.carrier);
    const number = str(body.tracking_number);
    if (!carrier || !number) return c.json({ tracking_number: ['This field is required.'] }, 400);
    return c.json(renderShippoTrack(ensureShipment(ctx, number, 'shippo'), ctx.clock.now(), carrier), 201);
  });
}

/** The tracking aggregators: EasyPost, AfterShip, Shippo. */
export function registerAggregatorRoutes(app: Hono, ctx: SimContext): void {
  registerEasyPost(app, ctx);
  registerAfterShip(app, ctx);
  registerShippo(app, ctx);
}
