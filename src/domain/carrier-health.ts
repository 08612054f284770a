/**
 * Carrier health rules (pure): when a carrier counts as "in outage", when operator alerts about its
 * shipments are held, and how fast its open shipments are polled to catch up once it answers again.
 * The state itself is shared by every worker in MongoDB (src/db/carrier-health); these rules only decide.
 */

/**
 * `healthy`: look-ups answer. `outage`: look-ups keep failing across shipments. `recovering`: look-ups
 * answer again and the carrier's open shipments are being polled to catch up (held alerts wait for that).
 */
export type CarrierHealthState = 'healthy' | 'outage' | 'recovering';

/** When failures make an outage (CARRIER_OUTAGE_FAILED_POLLS, CARRIER_OUTAGE_MIN_SHIPMENTS). */
export interface OutagePolicy {
  /** Failed look-up attempts in a row (no success in between), whichever shipments they were for. */
  failedPolls: number;
  /** ...coming from at least this many different shipments, so one bad tracking number is not an outage. */
  minShipments: number;
}

/** The failure counts of one carrier since its last successful look-up. */
export interface FailureCounts {
  consecutiveFailures: number;
  /** Distinct shipments among those failures (counted up to the policy's minimum only). */
  failingShipments: number;
}

/** Whether these failures put a carrier that is not in outage into one. */
export function reachesOutage(counts: FailureCounts, policy: OutagePolicy): boolean {
  return counts.consecutiveFailures >= policy.failedPolls && counts.failingShipments >= policy.minShipments;
}

/**
 * Whether operator alerts about one shipment of the carrier are held: during an outage (the carrier, not the
 * parcel, is the news: one outage alert instead of a storm) and while the catch-up after it runs (a stall may
 * only be the outage's missing scans).
 */
export function holdsShipmentAlerts(state: CarrierHealthState | undefined): boolean {
  return state === 'outage' || state === 'recovering';
}

/**
 * Where a page of a carrier's open shipments ended (orders sorted by placement, then code); the next page
 * starts after it. Plain JSON: it travels in the recovery workflow's input across continue-as-new.
 */
export interface OpenShipmentCursor {
  placedAt: string;
  code: string;
}

/** Catch-up pacing: `batchSize` pollNow requests, then a pause of `pauseMs`. */
export interface CatchUpPace {
  batchSize: number;
  pauseMs: number;
}

/**
 * Paces catch-up polls at `limit` per `windowMs` (CARRIER_CATCH_UP_RATE): a batch a second when the rate is
 * one a second or more (fewer timers in the recovery workflow's history), else one poll per slot.
 */
export function catchUpPace(rate: { limit: number; windowMs: number }): CatchUpPace {
  const perSecond = (rate.limit * 1000) / rate.windowMs;
  if (perSecond >= 1) return { batchSize: Math.floor(perSecond), pauseMs: 1000 };
  return { batchSize: 1, pauseMs: Math.ceil(rate.windowMs / rate.limit) };
}

/** A duration in words for operators: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function durationWords(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}
