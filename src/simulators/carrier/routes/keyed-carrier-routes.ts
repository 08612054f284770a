import type { Hono } from 'hono';
import { renderCanadaPostDetail, renderCanadaPostNotFound } from '../formats/canadapost.js';
import { renderDhlNotFound, renderDhlShipments } from '../formats/dhl.js';
import { hasBasicUser } from '../formats/format-helpers.js';
import { lookupShipment, trackingGate, type SimContext } from '../sim-context.js';

const PROBLEM = { 'content-type': 'application/problem+json' };
const CPC_TRACK = { 'content-type': 'application/vnd.cpc.track+xml' };
const CPC_MESSAGES = { 'content-type': 'application/vnd.cpc.track+xml' };

/** DHL Shipment Tracking – Unified under `/dhl`: API key header, one number per call, RFC 7807 problems. */
function registerDhl(app: Hono, ctx: SimContext): void {
  app.get('/dhl/track/shipments', async (c) => {
    if (!c.req.header('DHL-API-Key')) {
      return c.body(JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'Invalid API key.' }), 401, PROBLEM);
    }
    const number = c.req.query('trackingNumber')?.trim();
    if (!number) return c.body(JSON.stringify({ title: 'Bad request', status: 400, detail: 'trackingNumber is required.' }), 400, PROBLEM);
    const failed = await trackingGate(ctx, 'dhl', [number]);
    if (failed) return failed;
    const shipment = lookupShipment(ctx, number, 'dhl');
    return shipment ? c.json(renderDhlShipments(shipment, ctx.clock.now())) : c.body(JSON.stringify(renderDhlNotFound(number)), 404, PROBLEM);
  });
}

/** Canada Post tracking under `/canadapost`: HTTP Basic, XML answers, `<messages>` 004 for unknown PINs. */
function registerCanadaPost(app: Hono, ctx: SimContext): void {
  app.get('/canadapost/vis/track/pin/:pin/detail', async (c) => {
    if (!hasBasicUser(c)) {
      const body = '<?xml version="1.0" encoding="UTF-8"?>\n<messages xmlns="http://www.canadapost.ca/ws/messages"><message><code>E002</code><description>AAA Authentication Failure</description></message></messages>';
      return c.body(body, 401, CPC_MESSAGES);
    }
    const pin = c.req.param('pin');
    const failed = await trackingGate(ctx, 'canadapost', [pin]);
    if (failed) return failed;
    const shipment = lookupShipment(ctx, pin, 'canadapost');
    return shipment ? c.body(renderCanadaPostDetail(shipment, ctx.clock.now()), 200, CPC_TRACK) : c.body(renderCanadaPostNotFound(), 404, CPC_MESSAGES);
  });
}

/** Carriers authenticated by a key or Basic credentials on every call: DHL and Canada Post. */
export function registerKeyedCarrierRoutes(app: Hono, ctx: SimContext): void {
  registerDhl(app, ctx);
  registerCanadaPost(app, ctx);
}
