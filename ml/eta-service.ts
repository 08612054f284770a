import { currentMtime, loadArtifact, type EtaMetadata } from './artifact.js';
import { baselineQuantiles } from './baseline.js';
import { isoFromDay } from './calendar-day.js';
import { Estimator } from './estimator.js';
import { LaneHistory, type LaneHistorySnapshot } from './lane-history.js';
import { RecentDeliveries } from './recent-deliveries.js';
import { addToHistory, labelRows } from './labelled-rows.js';
import { DEFAULT_PRIOR, priorTransit, type PriorTable } from './prior.js';
import type { CompletedDelivery, PurchaseInput } from './purchase-input.js';
import { HIGH_INDEX, LOW_INDEX, MEDIAN_INDEX } from './quantiles.js';
import { IN_REGION_REMAINING, reviseDates, type EtaDates, type EtaStage, type RemainingDays } from './revise.js';
import { localDay, parseInstant } from './time-zone.js';
import { dayAfterDispatch, orderTiming } from './timing.js';

/** Options of {@link createEtaService}; all optional. */
export interface EtaServiceOptions {
  /** Artifact directory (train:eta's --out). Without one, or while it is empty, the prior serves. */
  modelDir?: string;
  /** A model trained on fewer delivered shipments than this is not used; the prior serves (default 200). */
  minDeliveries?: number;
  /** Dispatch cut-off hour (shop local time) for the prior; a model uses the one it was trained with. */
  cutoffHour?: number;
  prior?: PriorTable;
  /** How often (ms) to look at current.json's mtime for a new model (default 5000; 0 = on every call). */
  reloadCheckMs?: number;
  /** Clock for the reload check (tests). */
  now?: () => number;
  log?: (line: string) => void;
  /** Called after a new model was loaded (e.g. to refresh the lane history from the database). */
  onModelLoaded?: (version: string) => void;
  /** Most deliveries kept (newest first) to replay onto a newly loaded model's history (default 20000). */
  recentDeliveriesCap?: number;
}

/** A purchase-time estimate: calendar dates (`YYYY-MM-DD`) on the customer's calendar. */
export interface EtaEstimate extends EtaDates {
  source: 'model' | 'baseline' | 'prior';
  /** Artifact version, or `prior-v1`. */
  modelVersion: string;
}

/** A parcel's progress, as the workflow sees it. */
export interface EtaProgress {
  stage: EtaStage;
  /** When it happened (ISO instant). */
  at: string;
  /** The carrier's own delivery date (`YYYY-MM-DD` or ISO date-time), when it gave one. */
  carrierEta?: string;
}

/** A revised estimate; `changed` + `reason` say whether and why the date moved ("new date"). */
export interface EtaRevision extends EtaEstimate {
  changed: boolean;
  reasonCode: string;
  reason: string;
}

export interface EtaServiceStatus {
  source: 'model' | 'prior';
  modelVersion: string;
  trainedOnDeliveries: number;
  detail: string;
}

/** The ETA for the rest of the system: one object, synchronous calls, a new model picked up on its own. */
export interface EtaService {
  predictAtPurchase(input: PurchaseInput): EtaEstimate;
  revise(input: PurchaseInput, current: EtaDates, progress: EtaProgress): EtaRevision;
  /**
   * Feed a completed delivery into the serving lane history (the "recent lane performance" features).
   * Keyed by `input.orderId`: false when this process already counted that order (seen through the worker
   * and the database both), true otherwise. Deliveries already in the model's snapshot (completed at or
   * before its last training delivery) are not added again.
   */
  recordDelivery(delivery: CompletedDelivery): boolean;
  status(): EtaServiceStatus;
}

export const PRIOR_VERSION = 'prior-v1';

interface Loaded {
  metadata: EtaMetadata;
  estimator: Estimator;
  history: LaneHistory;
  /** Last completion counted in the artifact's snapshot: later deliveries are new to this model. */
  horizonMs: number;
  mtime: number;
}

/** The latest completion moment in a snapshot (the end of the training data's deliveries). */
function snapshotHorizon(s: LaneHistorySnapshot): number {
  let max = -Infinity;
  for (const b of Object.values(s.buckets)) for (const [ms] of b.recent) if (ms > max) max = ms;
  return max;
}

export function createEtaService(options: EtaServiceOptions = {}): EtaService {
  const minDeliveries = options.minDeliveries ?? 200;
  const cutoffHour = options.cutoffHour ?? 14;
  const prior = options.prior ?? DEFAULT_PRIOR;
  const reloadCheckMs = options.reloadCheckMs ?? 5000;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  let loaded: Loaded | undefined;
  let lastCheck = -Infinity;
  let detail = options.modelDir ? 'no model trained yet' : 'no model directory configured';
  // Deliveries this process counted (its own and the database's), so that a new model's history gets them too.
  const recent = new RecentDeliveries(options.recentDeliveriesCap ?? 20_000);

  const addTo = (m: Loaded, deliveries: CompletedDelivery[]) => {
    const fresh = deliveries.filter((d) => parseInstant(d.deliveredAt, d.input.customerTimeZone) > m.horizonMs);
    addToHistory(m.history, labelRows(fresh, m.metadata.featureSpec.cutoffHour));
  };

  const refresh = () => {
    if (!options.modelDir || now() - lastCheck < reloadCheckMs) return;
    lastCheck = now();
    const mtime = currentMtime(options.modelDir);
    if (mtime === undefined || mtime === loaded?.mtime) return;
    try {
      const a = loadArtifact(options.modelDir);
      if (!a) return;
      const history = LaneHistory.fromSnapshot(a.metadata.history);
      loaded = { metadata: a.metadata, estimator: new Estimator(a.metadata, a.net), history, horizonMs: snapshotHorizon(a.metadata.history), mtime };
      addTo(loaded, recent.list());
      detail = `model ${a.metadata.version} trained on ${a.metadata.training.rows} deliveries (${a.metadata.training.dataLabel})`;
      log(`eta: loaded ${detail}`);
      options.onModelLoaded?.(a.metadata.version);
    } catch (err) {
      // Keep serving what we had: a half-copied or incompatible artifact must not take the ETA down.
      log(`eta: could not load the model in ${options.modelDir}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const active = () => {
    refresh();
    return loaded && loaded.metadata.training.rows >= minDeliveries ? loaded : undefined;
  };

  const fromPrior = (input: PurchaseInput): EtaEstimate => {
    const timing = orderTiming(input, cutoffHour);
    const t = priorTransit(prior, input);
    const day = (n: number) => isoFromDay(dayAfterDispatch(timing, n));
    return { promise: day(t.promise), likely: day(t.likely), low: day(t.low), high: day(t.high), source: 'prior', modelVersion: PRIOR_VERSION };
  };

  const remainingAfterPickup = (input: PurchaseInput, m: Loaded | undefined): RemainingDays => {
    if (m?.metadata.afterPickup) {
      const q = baselineQuantiles(m.metadata.afterPickup, input);
      return { low: Math.floor(q[LOW_INDEX]!), likely: Math.round(q[MEDIAN_INDEX]!), high: Math.ceil(q[HIGH_INDEX]!) };
    }
    const t = priorTransit(prior, input);
    const share = (n: number) => Math.round(n * prior.afterPickupShare);
    return { low: share(t.low), likely: share(t.likely), high: share(t.high) };
  };

  return {
    predictAtPurchase(input) {
      const m = active();
      if (!m) return fromPrior(input);
      const e = m.estimator.estimate(input, m.history);
      return { promise: e.promise, likely: e.likely, low: e.low, high: e.high, source: e.source, modelVersion: m.metadata.version };
    },
    revise(input, current, progress) {
      const m = active();
      const zone = input.customerTimeZone;
      const today = localDay(parseInstant(progress.at, zone), zone);
      const destination = orderTiming(input, cutoffHour).destination;
      const remaining = progress.stage === 'picked_up' ? remainingAfterPickup(input, m) : IN_REGION_REMAINING;
      const r = reviseDates({ stage: progress.stage, today, destination, remaining, current, ...(progress.carrierEta ? { carrierEta: progress.carrierEta } : {}) });
      // After pickup the remaining days come from the trained hand-over→delivery baseline when there is one.
      const source = progress.stage === 'picked_up' && m?.metadata.afterPickup ? 'baseline' : 'prior';
      return { ...r, source, modelVersion: m?.metadata.version ?? PRIOR_VERSION };
    },
    recordDelivery(delivery) {
      // A model loaded now replays what was remembered before: this delivery is added after, once.
      refresh();
      if (!recent.remember(delivery)) return false;
      if (loaded) addTo(loaded, [delivery]);
      return true;
    },
    status() {
      const m = active();
      if (m) return { source: 'model', modelVersion: m.metadata.version, trainedOnDeliveries: m.metadata.training.rows, detail };
      const rows = loaded?.metadata.training.rows ?? 0;
      const why = loaded ? `${detail}: below the ${minDeliveries}-delivery threshold` : detail;
      return { source: 'prior', modelVersion: PRIOR_VERSION, trainedOnDeliveries: rows, detail: `prior (carrier + service level transit days): ${why}` };
    },
  };
}
