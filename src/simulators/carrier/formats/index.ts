import type { Hono } from 'hono';
import type { SimContext } from '../sim-context.js';

/** Mounts every real carrier's endpoints under its path prefix (`/ups`, `/fedex`, …). */
export function registerCarrierFormats(_app: Hono, _ctx: SimContext): void {
  // Filled in per carrier (formats/<carrier>-routes.ts).
}
