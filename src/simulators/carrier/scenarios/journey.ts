import type { SimPlace, SimRoute } from '../places.js';
import type { Rng } from '../random.js';
import { DAY, HOUR, MINUTE } from '../sim-time.js';
import type { ScenarioContext, ScenarioStep } from './scenario-types.js';

/** Label and pickup at the origin: the first two scans of every scenario. */
export function firstMile(rng: Rng, route: SimRoute): [ScenarioStep, ScenarioStep] {
  return [
    { afterMs: 0, code: 'LC', description: 'Shipping label created, awaiting item', place: route.origin },
    { afterMs: Math.round(rng.between(3, 8) * HOUR), code: 'PU', description: 'Picked up by carrier', place: route.origin },
  ];
}

/**
 * `count` facility scans spread over (`fromMs`, `toMs`) with ±20 % jitter, walking the route's hubs (arrive,
 * depart) and ending at the destination's local facility. Jitter keeps gaps under 1.4 × the even gap.
 */
export function transitScans(rng: Rng, route: SimRoute, fromMs: number, toMs: number, count: number): ScenarioStep[] {
  const gap = (toMs - fromMs) / (count + 1);
  const steps: ScenarioStep[] = [];
  for (let i = 0; i < count; i += 1) {
    const last = i === count - 1;
    const hub: SimPlace = last ? route.destination : (route.hubs[Math.floor(i / 2) % Math.max(1, route.hubs.length)] ?? route.destination);
    const afterMs = Math.round(fromMs + gap * (i + 1) + rng.between(-0.2, 0.2) * gap);
    if (last) steps.push({ afterMs, code: 'AR', description: 'Arrived at local delivery facility', place: hub });
    else if (i % 2 === 0) steps.push({ afterMs, code: 'AR', description: `Arrived at ${hub.city} sort facility`, place: hub });
    else steps.push({ afterMs, code: 'DP', description: `Departed ${hub.city} sort facility`, place: hub });
  }
  return steps;
}

/** Carrier ms since start of `hour` local time on the `day`-th calendar day after the start, at `place`. */
export function localTime(ctx: ScenarioContext, day: number, hour: number, place: SimPlace): number {
  const offset = place.utcOffsetMinutes * MINUTE;
  const localStart = ctx.startAtMs + offset;
  const localMidnight = localStart - (((localStart % DAY) + DAY) % DAY);
  return localMidnight + day * DAY + Math.round(hour * HOUR) - offset - ctx.startAtMs;
}

/** The first calendar day (≥ `minDay`) whose 8 am at `place` is at least `afterMs` + 6 h: a plausible delivery day. */
export function deliveryDay(ctx: ScenarioContext, afterMs: number, place: SimPlace, minDay: number): number {
  let day = minDay;
  while (localTime(ctx, day, 8, place) < afterMs + 6 * HOUR) day += 1;
  return day;
}

/** Out for delivery in the morning of `day`, delivered a few hours later. */
export function lastMile(ctx: ScenarioContext, day: number, place: SimPlace): [ScenarioStep, ScenarioStep] {
  const outAt = localTime(ctx, day, ctx.rng.between(7.5, 9.5), place);
  return [
    { afterMs: outAt, code: 'OD', description: 'Out for delivery', place },
    { afterMs: outAt + Math.round(ctx.rng.between(2, 7) * HOUR), code: 'DL', description: 'Delivered, left at front door', place },
  ];
}
