import { apiOutage, happyPath, slowCarrier } from './delivered.js';
import { duplicatesOutOfOrder } from './duplicates.js';
import { failedAttempt, returnToSender } from './last-mile-failures.js';
import type { ScenarioBuilder, ScenarioName } from './scenario-types.js';
import { exceptionRecovery, lostParcel } from './troubles.js';

export { SCENARIO_NAMES, isScenarioName } from './scenario-types.js';
export type { ScenarioContext, ScenarioName, ScenarioPlan, ScenarioStep } from './scenario-types.js';

/** The builder of each scenario. */
export const SCENARIOS: Readonly<Record<ScenarioName, ScenarioBuilder>> = {
  happy_path: happyPath,
  slow_carrier: slowCarrier,
  lost_parcel: lostParcel,
  exception_recovery: exceptionRecovery,
  failed_attempt: failedAttempt,
  return_to_sender: returnToSender,
  duplicates_out_of_order: duplicatesOutOfOrder,
  api_outage: apiOutage,
};

/**
 * How often each scenario comes up when the simulator picks one for a demo (`mixed`): mostly deliveries, with
 * enough trouble to show every page state.
 */
export const DEMO_SCENARIO_WEIGHTS: Readonly<Record<ScenarioName, number>> = {
  happy_path: 8,
  slow_carrier: 2,
  lost_parcel: 1,
  exception_recovery: 2,
  failed_attempt: 2,
  return_to_sender: 1,
  duplicates_out_of_order: 2,
  api_outage: 1,
};

/** A weighted pick from {@link DEMO_SCENARIO_WEIGHTS} for a uniform `roll` in [0, 1). */
export function pickDemoScenario(roll: number): ScenarioName {
  const entries = Object.entries(DEMO_SCENARIO_WEIGHTS) as [ScenarioName, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = roll * total;
  for (const [name, weight] of entries) {
    remaining -= weight;
    if (remaining < 0) return name;
  }
  return 'happy_path';
}
