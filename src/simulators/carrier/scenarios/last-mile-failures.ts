import { DAY, HOUR } from '../sim-time.js';
import { deliveredJourney } from './delivered.js';
import { localTime } from './journey.js';
import type { ScenarioContext, ScenarioPlan, ScenarioStep } from './scenario-types.js';

/** A journey up to its first out-for-delivery scan, plus a failed attempt a few hours later. */
function toFirstAttempt(ctx: ScenarioContext) {
  const journey = deliveredJourney(ctx, [3, 5], [2, 4]);
  const steps = journey.steps.slice(0, journey.outForDeliveryIndex + 1);
  const out = steps[steps.length - 1];
  if (!out) throw new Error('journey without an out-for-delivery scan');
  const attempt: ScenarioStep = {
    afterMs: out.afterMs + Math.round(ctx.rng.between(3, 6) * HOUR),
    code: 'DA',
    description: 'Delivery attempted: no one available to sign',
    place: out.place,
  };
  steps.push(attempt);
  // Calendar day of the attempt at the destination (0 = the day the shipment started), for "next day" steps.
  const day = Math.floor((attempt.afterMs - localTime(ctx, 0, 0, out.place)) / DAY);
  return { steps, place: out.place, attempt, day, etaAfterMs: journey.steps[journey.steps.length - 1]?.afterMs ?? 0 };
}

/**
 * Out for delivery → attempt failed → either held at an access point and collected the next day, or
 * redelivered the next day (the seed decides).
 */
export function failedAttempt(ctx: ScenarioContext): ScenarioPlan {
  const { steps, place, attempt, day, etaAfterMs } = toFirstAttempt(ctx);
  if (ctx.rng.next() < 0.5) {
    steps.push(
      { afterMs: attempt.afterMs + 2 * HOUR, code: 'PK', description: `Available for pickup at ${place.city} access point`, place },
      { afterMs: localTime(ctx, day + 1, ctx.rng.between(10, 18), place), code: 'DL', description: 'Delivered: collected at access point', place },
    );
  } else {
    const outAgain = localTime(ctx, day + 1, ctx.rng.between(7.5, 9.5), place);
    steps.push(
      { afterMs: outAgain, code: 'OD', description: 'Out for delivery (second attempt)', place },
      { afterMs: outAgain + Math.round(ctx.rng.between(2, 6) * HOUR), code: 'DL', description: 'Delivered, signed for by recipient', place },
    );
  }
  return { steps, etaAfterMs };
}

/** Two failed attempts, a week held at the facility unclaimed, then returned to the sender. */
export function returnToSender(ctx: ScenarioContext): ScenarioPlan {
  const { steps, place, day, etaAfterMs } = toFirstAttempt(ctx);
  const outAgain = localTime(ctx, day + 1, ctx.rng.between(7.5, 9.5), place);
  const secondAttempt = outAgain + Math.round(ctx.rng.between(3, 6) * HOUR);
  steps.push(
    { afterMs: outAgain, code: 'OD', description: 'Out for delivery (second attempt)', place },
    { afterMs: secondAttempt, code: 'DA', description: 'Delivery attempted: business closed', place },
    { afterMs: secondAttempt + 2 * HOUR, code: 'PK', description: `Held for pickup at ${place.city} facility`, place },
    {
      afterMs: localTime(ctx, day + 6, ctx.rng.between(9, 12), place),
      code: 'RS',
      description: 'Returned to sender: not collected within the hold period',
      place,
    },
  );
  return { steps, etaAfterMs };
}
