import type { Hono } from 'hono';
import { currentStatus, etaView, visibleEvents } from '../shipment-view.js';
import type { SimContext } from '../sim-context.js';
import { renderTrackingPage, renderUnknownNumberPage } from './public-tracking-html.js';

/**
 * `GET /track/:trackingNumber`: the demo carrier's public tracking page, the page a customer reaches from the
 * "track at the carrier" link. Like a real carrier's page it needs no key, shows only what the carrier has
 * reported so far, and never shows order codes, webhook targets or secrets. It never registers a number
 * (even with auto-registration on) and does not count as an API look-up, so it cannot change a test's state.
 */
export function registerPublicTrackingPage(app: Hono, ctx: SimContext): void {
  app.get('/track/:trackingNumber', (c) => {
    const trackingNumber = c.req.param('trackingNumber');
    c.header('cache-control', 'no-store');
    const shipment = ctx.store.get(trackingNumber);
    if (!shipment) return c.html(renderUnknownNumberPage(trackingNumber), 404);
    const events = visibleEvents(shipment, ctx.clock.now());
    const eta = etaView(shipment, events);
    return c.html(
      renderTrackingPage({
        trackingNumber: shipment.trackingNumber,
        ...(shipment.serviceLevel ? { serviceLevel: shipment.serviceLevel } : {}),
        status: currentStatus(events),
        ...(eta ? { eta } : {}),
        events,
      }),
    );
  });
}
