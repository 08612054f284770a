import { shipmentRng } from './random.js';
import { SCENARIOS, type ScenarioName } from './scenarios/index.js';
import { formatIsoWithOffset, MINUTE } from './sim-time.js';
import type { SimShipment } from './sim-types.js';

// Whole minutes: every carrier format can express them (some have no seconds), so renderings round-trip.
const toMinute = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;

/**
 * Plays a scenario into a shipment: each step becomes an event that occurred at start + `afterMs` (carrier
 * time) and is reported from start + `emitAfterMs` / the shipment's `timeScale` (simulator clock). A repeated
 * step reuses the event id of the step it repeats. Also sets the promised ETA and the outage window.
 */
export function planScenarioEvents(shipment: SimShipment, scenario: ScenarioName, seed: number): void {
  const { startAtMs, timeScale, trackingNumber } = shipment;
  const plan = SCENARIOS[scenario]({ rng: shipmentRng(seed, trackingNumber), startAtMs });
  const at = (carrierMs: number) => startAtMs + Math.round(carrierMs / timeScale);
  plan.steps.forEach((step, index) => {
    const original = step.repeatOf ?? index;
    const { utcOffsetMinutes, ...location } = step.place;
    const occurredAtMs = toMinute(startAtMs + step.afterMs);
    shipment.events.push({
      seq: index,
      eventId: `ev_${trackingNumber.toLowerCase()}_${String(original + 1).padStart(3, '0')}`,
      code: step.code,
      description: step.description,
      location,
      occurredAt: formatIsoWithOffset(occurredAtMs, utcOffsetMinutes),
      occurredAtMs,
      visibleAtMs: at(step.emitAfterMs ?? step.afterMs),
      utcOffsetMinutes,
    });
  });
  const destination = plan.steps[plan.steps.length - 1]?.place;
  if (plan.etaAfterMs !== undefined) {
    shipment.eta = { atMs: toMinute(startAtMs + plan.etaAfterMs), utcOffsetMinutes: destination?.utcOffsetMinutes ?? 0 };
  }
  if (plan.outage) shipment.outage = { fromMs: at(plan.outage.fromMs), toMs: at(plan.outage.toMs) };
}
