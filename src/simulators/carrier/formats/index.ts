import type { Hono } from 'hono';
import { registerAggregatorRoutes } from '../routes/aggregator-routes.js';
import { registerKeyedCarrierRoutes } from '../routes/keyed-carrier-routes.js';
import { registerOAuthCarrierRoutes } from '../routes/oauth-carrier-routes.js';
import type { SimContext } from '../sim-context.js';

/** Mounts every real carrier's endpoints under its path prefix (`/ups`, `/fedex`, …, `/shippo`). */
export function registerCarrierFormats(app: Hono, ctx: SimContext): void {
  registerOAuthCarrierRoutes(app, ctx);
  registerKeyedCarrierRoutes(app, ctx);
  registerAggregatorRoutes(app, ctx);
}
