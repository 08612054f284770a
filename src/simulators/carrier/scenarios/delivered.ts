import { pickRoute, type SimRoute } from '../places.js';
import { HOUR } from '../sim-time.js';
import { firstMile, lastMile, localTime, transitScans } from './journey.js';
import type { ScenarioContext, ScenarioPlan, ScenarioStep } from './scenario-types.js';

/** A journey that ends in delivery, plus the indices scenarios tweak. */
export interface DeliveredJourney {
  route: SimRoute;
  steps: ScenarioStep[];
  pickupIndex: number;
  outForDeliveryIndex: number;
}

/**
 * Label → pickup → transit scans → out for delivery → delivered on a calendar day in `days`. The scan count is
 * at least `scans[0]..scans[1]` and raised until no silence between scans reaches `maxGapMs` (slow carriers
 * must stay under the 72 h stall threshold: they are slow, not lost).
 */
export function deliveredJourney(ctx: ScenarioContext, days: [number, number], scans: [number, number], maxGapMs = 48 * HOUR): DeliveredJourney {
  const route = pickRoute(ctx.rng, 3);
  const [label, pickup] = firstMile(ctx.rng, route);
  const day = ctx.rng.int(days[0], days[1]);
  const transitEnd = localTime(ctx, day, 7.5, route.destination) - 2 * HOUR;
  // Jitter widens a gap to at most 1.4 × the even gap, so aim the even gap at maxGap / 1.4.
  const needed = Math.ceil((transitEnd - pickup.afterMs) / (maxGapMs / 1.4)) - 1;
  const count = Math.max(ctx.rng.int(scans[0], scans[1]), needed);
  const transit = transitScans(ctx.rng, route, pickup.afterMs, transitEnd, count);
  const [out, delivered] = lastMile(ctx, day, route.destination);
  const steps = [label, pickup, ...transit, out, delivered];
  return { route, steps, pickupIndex: 1, outForDeliveryIndex: steps.length - 2 };
}

/** Label, pickup, 2–4 transit scans, out for delivery, delivered: 3–5 days door to door. */
export function happyPath(ctx: ScenarioContext): ScenarioPlan {
  const { steps } = deliveredJourney(ctx, [3, 5], [2, 4]);
  return { steps, etaAfterMs: steps[steps.length - 1]?.afterMs ?? 0 };
}

/** Like the happy path but 8–10 days with long silences (each under 72 h); the promised 5-day ETA is missed. */
export function slowCarrier(ctx: ScenarioContext): ScenarioPlan {
  const { steps, route } = deliveredJourney(ctx, [8, 10], [3, 5]);
  return { steps, etaAfterMs: localTime(ctx, 5, 20, route.destination) };
}

/**
 * A happy path during which the carrier's API is down for about a day from shortly after pickup: look-ups of
 * this number fail with a mix of 5xx, 429 and timeouts while scans keep happening (and webhooks keep coming).
 */
export function apiOutage(ctx: ScenarioContext): ScenarioPlan {
  const { steps, pickupIndex } = deliveredJourney(ctx, [3, 5], [2, 4]);
  const pickupAt = steps[pickupIndex]?.afterMs ?? 0;
  const fromMs = pickupAt + HOUR;
  const toMs = fromMs + Math.round(ctx.rng.between(20, 30) * HOUR);
  return { steps, etaAfterMs: steps[steps.length - 1]?.afterMs ?? 0, outage: { fromMs, toMs } };
}
