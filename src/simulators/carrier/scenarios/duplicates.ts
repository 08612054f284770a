import { HOUR } from '../sim-time.js';
import { deliveredJourney } from './delivered.js';
import type { ScenarioContext, ScenarioPlan, ScenarioStep } from './scenario-types.js';

/**
 * A happy path delivered the messy way real carriers do: the pickup and the out-for-delivery scans are sent
 * again later with the same event id (duplicates, on the poll and the webhook path alike), and one transit scan
 * is reported only after the scan that followed it (out of order: an earlier `occurredAt` after a later one).
 */
export function duplicatesOutOfOrder(ctx: ScenarioContext): ScenarioPlan {
  const { steps, pickupIndex, outForDeliveryIndex } = deliveredJourney(ctx, [3, 5], [3, 4]);
  const pickup = steps[pickupIndex];
  const out = steps[outForDeliveryIndex];
  const delivered = steps[steps.length - 1];
  if (!pickup || !out || !delivered) throw new Error('journey is missing its pickup or last-mile scans');

  // The first transit scan arrives an hour after the second one has been reported.
  const late = steps[pickupIndex + 1];
  const next = steps[pickupIndex + 2];
  if (late && next && next.code !== 'OD') late.emitAfterMs = next.afterMs + HOUR;

  const repeats: ScenarioStep[] = [
    { ...pickup, emitAfterMs: pickup.afterMs + Math.round(ctx.rng.between(4, 8) * HOUR), repeatOf: pickupIndex },
    { ...out, emitAfterMs: delivered.afterMs + 5 * 60_000, repeatOf: outForDeliveryIndex },
  ];
  return { steps: [...steps, ...repeats], etaAfterMs: delivered.afterMs };
}
