import type { Hono } from 'hono';
import { z } from 'zod';
import { CARRIER_IDS } from '../../../carriers/carrier-adapter.js';
import { FAULT_MODES } from '../faults.js';
import { renderSimEvent, renderSimTracking } from '../formats/simulator.js';
import { SCENARIO_NAMES } from '../scenarios/index.js';
import type { SimContext } from '../sim-context.js';
import { DuplicateShipmentError } from '../sim-store.js';
import type { SimShipment } from '../sim-types.js';
import { WEBHOOK_FORMATS } from '../webhook-formats.js';
import { errorJson, readJson, requireApiKey } from './http-helpers.js';

const isoWithOffset = z.iso.datetime({ offset: true });
const location = z.object({
  city: z.string().min(1),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().min(2),
});
const webhook = z.object({ url: z.url(), format: z.enum(WEBHOOK_FORMATS), secret: z.string().min(1).optional() });

const registerBody = z.object({
  trackingNumber: z.string().min(3).max(64).optional(),
  scenario: z.enum([...SCENARIO_NAMES, 'manual', 'mixed']).default('manual'),
  startAt: isoWithOffset.optional(),
  timeScale: z.number().positive().max(10_000_000).optional(),
  carrier: z.enum(CARRIER_IDS).optional(),
  orderCode: z.string().min(1).optional(),
  webhook: webhook.optional(),
});

const eventBody = z.object({
  code: z.string().min(1).max(16),
  occurredAt: isoWithOffset.optional(),
  description: z.string().max(500).optional(),
  location: location.optional(),
  eventId: z.string().min(1).max(128).optional(),
});

const faultBody = z.object({
  mode: z.enum([...FAULT_MODES, 'none']),
  count: z.number().int().min(1).max(10_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  carrier: z.enum(CARRIER_IDS).optional(),
});

/** Everything a test needs to know about a shipment: what is reported now, the whole plan, and poll counts. */
function describe(shipment: SimShipment, nowMs: number) {
  const current = renderSimTracking(shipment, nowMs);
  const { lastTrackingAtMs, ...counts } = shipment.requests;
  return {
    ...current,
    shipmentId: shipment.shipmentId,
    carrier: shipment.carrier,
    scenario: shipment.scenario,
    ...(shipment.orderCode ? { orderCode: shipment.orderCode } : {}),
    ...(shipment.serviceLevel ? { serviceLevel: shipment.serviceLevel } : {}),
    startAt: new Date(shipment.startAtMs).toISOString(),
    timeScale: shipment.timeScale,
    timeline: [...shipment.events]
      .sort((a, b) => a.occurredAtMs - b.occurredAtMs || a.seq - b.seq)
      .map((event) => ({ ...renderSimEvent(event), visibleAt: new Date(event.visibleAtMs).toISOString(), visible: event.visibleAtMs <= nowMs })),
    ...(shipment.outage ? { outage: { from: new Date(shipment.outage.fromMs).toISOString(), to: new Date(shipment.outage.toMs).toISOString() } } : {}),
    webhooks: { ...shipment.webhookStats, ...(shipment.webhook ? { url: shipment.webhook.url, format: shipment.webhook.format } : {}) },
    requests: { ...counts, ...(lastTrackingAtMs === undefined ? {} : { lastTrackingAt: new Date(lastTrackingAtMs).toISOString() }) },
  };
}

/** Test and demo control: register numbers, add scans, inject faults, inspect poll counts, reset. */
export function registerControlApi(app: Hono, ctx: SimContext): void {
  app.use('/control/*', requireApiKey(ctx.apiKey));

  app.post('/control/shipments', async (c) => {
    const body = await readJson(c, registerBody);
    if (body instanceof Response) return body;
    try {
      const shipment = ctx.store.register({
        scenario: body.scenario,
        ...(body.trackingNumber ? { trackingNumber: body.trackingNumber } : {}),
        ...(body.startAt ? { startAtMs: Date.parse(body.startAt) } : {}),
        ...(body.timeScale ? { timeScale: body.timeScale } : {}),
        ...(body.carrier ? { carrier: body.carrier } : {}),
        ...(body.orderCode ? { orderCode: body.orderCode } : {}),
        ...(body.webhook ? { webhook: body.webhook } : {}),
      });
      return c.json({ trackingNumber: shipment.trackingNumber, shipmentId: shipment.shipmentId, scenario: shipment.scenario }, 201);
    } catch (error) {
      if (error instanceof DuplicateShipmentError) return errorJson(c, 409, 'ALREADY_EXISTS', error.message);
      throw error;
    }
  });

  app.get('/control/shipments', (c) => {
    const now = ctx.clock.now();
    return c.json({ shipments: ctx.store.list().map((s) => ({ trackingNumber: s.trackingNumber, scenario: s.scenario, status: renderSimTracking(s, now).status })) });
  });

  app.get('/control/shipments/:trackingNumber', (c) => {
    const shipment = ctx.store.get(c.req.param('trackingNumber'));
    if (!shipment) return errorJson(c, 404, 'NOT_FOUND', 'No shipment with this tracking number');
    return c.json(describe(shipment, ctx.clock.now()));
  });

  app.post('/control/shipments/:trackingNumber/events', async (c) => {
    const body = await readJson(c, eventBody);
    if (body instanceof Response) return body;
    const event = ctx.store.appendEvent(c.req.param('trackingNumber'), body);
    if (!event) return errorJson(c, 404, 'NOT_FOUND', 'No shipment with this tracking number');
    return c.json({ event: renderSimEvent(event) }, 201);
  });

  app.post('/control/faults', async (c) => {
    const body = await readJson(c, faultBody);
    if (body instanceof Response) return body;
    ctx.faults.set(body);
    return c.json({ faults: ctx.faults.list() });
  });

  app.get('/control/faults', (c) => c.json({ faults: ctx.faults.list() }));

  app.post('/control/reset', (c) => {
    ctx.store.reset();
    ctx.faults.reset();
    return c.body(null, 204);
  });
}
