import { pickRoute } from '../places.js';
import { HOUR } from '../sim-time.js';
import { deliveryDay, firstMile, lastMile, localTime, transitScans } from './journey.js';
import type { ScenarioContext, ScenarioPlan, ScenarioStep } from './scenario-types.js';

/** Picked up, scanned twice within two days, then never heard of again: the stall detector's case. */
export function lostParcel(ctx: ScenarioContext): ScenarioPlan {
  const route = pickRoute(ctx.rng, 2);
  const [label, pickup] = firstMile(ctx.rng, route);
  const lastScanAt = pickup.afterMs + Math.round(ctx.rng.between(24, 40) * HOUR);
  const transit = transitScans(ctx.rng, route, pickup.afterMs, lastScanAt + HOUR, 2);
  // The second scan must not claim the destination facility: the parcel vanishes between hubs.
  const last = transit[1];
  const hub = route.hubs[1] ?? route.hubs[0];
  if (last && hub) Object.assign(last, { code: 'DP', description: `Departed ${hub.city} sort facility`, place: hub });
  return { steps: [label, pickup, ...transit], etaAfterMs: localTime(ctx, 4, 20, route.destination) };
}

/**
 * A weather delay at the first hub (exception, sub-status delayed), transit resuming a day or so later, then
 * a normal delivery. The original ETA is kept, so the delay shows as a late delivery.
 */
export function exceptionRecovery(ctx: ScenarioContext): ScenarioPlan {
  const route = pickRoute(ctx.rng, 3);
  const [label, pickup] = firstMile(ctx.rng, route);
  const hub = route.hubs[0] ?? route.destination;
  const arrivedAt = pickup.afterMs + Math.round(ctx.rng.between(8, 14) * HOUR);
  const delayAt = arrivedAt + Math.round(ctx.rng.between(2, 5) * HOUR);
  const resumeAt = delayAt + Math.round(ctx.rng.between(24, 36) * HOUR);
  const steps: ScenarioStep[] = [
    label,
    pickup,
    { afterMs: arrivedAt, code: 'AR', description: `Arrived at ${hub.city} sort facility`, place: hub },
    { afterMs: delayAt, code: 'DY', description: 'Weather delay: severe weather is affecting operations', place: hub },
    { afterMs: resumeAt, code: 'IT', description: `Departed ${hub.city} sort facility after weather delay`, place: hub },
  ];
  const day = deliveryDay(ctx, resumeAt + 24 * HOUR, route.destination, 3);
  const transitEnd = localTime(ctx, day, 7.5, route.destination) - 2 * HOUR;
  const laterRoute = { ...route, hubs: route.hubs.slice(1) };
  steps.push(...transitScans(ctx.rng, laterRoute, resumeAt, transitEnd, ctx.rng.int(1, 2)), ...lastMile(ctx, day, route.destination));
  return { steps, etaAfterMs: localTime(ctx, day - 1, 20, route.destination) };
}
