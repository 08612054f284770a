import type { SimStatusCode } from '../../../carriers/simulator/status-map.js';
import type { SimPlace } from '../places.js';
import type { Rng } from '../random.js';

/** Every scripted scenario the simulator can play. */
export const SCENARIO_NAMES = [
  'happy_path',
  'slow_carrier',
  'lost_parcel',
  'exception_recovery',
  'failed_attempt',
  'return_to_sender',
  'duplicates_out_of_order',
  'api_outage',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** True for a name in {@link SCENARIO_NAMES}. */
export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

/** One scripted scan. Times are carrier ms since the shipment started. */
export interface ScenarioStep {
  /** When the scan happened (its `occurredAt`). */
  afterMs: number;
  code: SimStatusCode;
  description: string;
  place: SimPlace;
  /** When the carrier reports it, if later than `afterMs`: a late scan arriving after newer ones. */
  emitAfterMs?: number;
  /** Index of an earlier step this one re-sends verbatim (same event id): a duplicate delivery. */
  repeatOf?: number;
}

/** A planned shipment: its scans, its promised delivery, and an API outage window when the scenario has one. */
export interface ScenarioPlan {
  steps: ScenarioStep[];
  /** When the carrier promises delivery (carrier ms since start); shown as the ETA until the parcel is delivered. */
  etaAfterMs?: number;
  /** Carrier-time window (ms since start) during which tracking look-ups of this shipment fail. */
  outage?: { fromMs: number; toMs: number };
}

/** What a scenario builder gets: seeded randomness and the start instant (for local business hours). */
export interface ScenarioContext {
  rng: Rng;
  /** Carrier time the shipment starts, epoch ms. */
  startAtMs: number;
}

/** Builds one scenario's plan; deterministic for a given context. */
export type ScenarioBuilder = (ctx: ScenarioContext) => ScenarioPlan;
