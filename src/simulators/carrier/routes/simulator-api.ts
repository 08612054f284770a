import type { Hono } from 'hono';
import { z } from 'zod';
import { renderSimTracking } from '../formats/simulator.js';
import { SCENARIO_NAMES } from '../scenarios/index.js';
import { etaView } from '../shipment-view.js';
import { lookupShipment, trackingGate, type SimContext } from '../sim-context.js';
import { errorJson, readJson, requireApiKey } from './http-helpers.js';

const createBody = z.object({
  orderCode: z.string().min(1).max(200),
  serviceLevel: z.string().min(1).max(100).optional(),
  scenario: z.enum(SCENARIO_NAMES).optional(),
});

const batchBody = z.object({ trackingNumbers: z.array(z.string().min(1).max(64)).min(1).max(50) });

/**
 * The simulator carrier's own REST API under `/simulator/v1`: create a shipment, look up one number or up
 * to 50. Guarded by `x-sim-api-key`.
 */
export function registerSimulatorApi(app: Hono, ctx: SimContext): void {
  app.use('/simulator/*', requireApiKey(ctx.apiKey));

  app.post('/simulator/v1/shipments', async (c) => {
    const body = await readJson(c, createBody);
    if (body instanceof Response) return body;
    const shipment = ctx.store.register({
      scenario: body.scenario ?? ctx.defaultScenario,
      carrier: 'simulator',
      orderCode: body.orderCode,
      ...(body.serviceLevel ? { serviceLevel: body.serviceLevel } : {}),
    });
    const eta = etaView(shipment, []);
    return c.json({ trackingNumber: shipment.trackingNumber, shipmentId: shipment.shipmentId, ...(eta ? { eta: { date: eta.date } } : {}) }, 201);
  });

  app.get('/simulator/v1/tracking/:trackingNumber', async (c) => {
    const trackingNumber = c.req.param('trackingNumber');
    const failed = await trackingGate(ctx, 'simulator', [trackingNumber]);
    if (failed) return failed;
    const shipment = lookupShipment(ctx, trackingNumber, 'simulator');
    if (!shipment) return errorJson(c, 404, 'NOT_FOUND', 'No shipment with this tracking number');
    return c.json(renderSimTracking(shipment, ctx.clock.now()));
  });

  app.post('/simulator/v1/tracking/batch', async (c) => {
    const body = await readJson(c, batchBody);
    if (body instanceof Response) return body;
    const failed = await trackingGate(ctx, 'simulator', body.trackingNumbers);
    if (failed) return failed;
    const now = ctx.clock.now();
    const results = body.trackingNumbers.map((n) => {
      const shipment = lookupShipment(ctx, n, 'simulator');
      return shipment ? renderSimTracking(shipment, now) : { trackingNumber: n, notFound: true as const };
    });
    return c.json({ results });
  });
}
