import type { BaselineTable } from './baseline.js';
import { baselineQuantiles } from './baseline.js';
import { isoFromDay } from './calendar-day.js';
import type { DenseNet } from './dense-net.js';
import { encode, featureWidth, historyFeatures, type FeatureSpec } from './features.js';
import type { LaneHistory } from './lane-history.js';
import { carrierKey, laneKey, type PurchaseInput } from './purchase-input.js';
import { HIGH_INDEX, LOW_INDEX, MEDIAN_INDEX, monotone } from './quantiles.js';
import { dayAfterDispatch, orderTiming, type OrderTiming } from './timing.js';

/**
 * How the promise is read off the quantiles: the level at `index`, moved `fraction` of the way toward the next
 * level (absent = 0), plus `offset` business days (quarter days since schema 4; the sum is rounded).
 */
export interface PromiseRule {
  index: number;
  fraction?: number;
  offset: number;
}

/** Business days after dispatch that a promise rule reads off a row of quantiles. */
export function promiseBusinessDays(q: number[], rule: PromiseRule): number {
  const at = q[rule.index]!;
  const next = q[Math.min(q.length - 1, rule.index + 1)]!;
  return at + (rule.fraction ?? 0) * (next - at) + rule.offset;
}

/** How the range's ends are rounded to whole business days (chosen on validation for its coverage). */
export interface RangeRule {
  low: 'floor' | 'round';
  high: 'round' | 'ceil';
}

/** The trained parts an estimator needs (a subset of the artifact's metadata). */
export interface EstimatorParts {
  featureSpec: FeatureSpec;
  targetScale: number;
  baseline: BaselineTable;
  serving: { model: boolean; baselineLanes: string[] };
  promise: { model: PromiseRule; baseline: PromiseRule };
  range?: { model: RangeRule; baseline: RangeRule };
}

/** A purchase-time estimate in business days after dispatch and as the customer's calendar dates. */
export interface Estimate {
  source: 'model' | 'baseline';
  quantiles: number[];
  timing: OrderTiming;
  promise: string;
  likely: string;
  low: string;
  high: string;
}

/** The baseline's lane key (also the key of lanes where the baseline serves instead of the model). */
export const servingLaneKey = (input: PurchaseInput) => `${laneKey(input)}|${carrierKey(input)}`;

/** Turns purchase-time inputs into dates with the model where it serves, else with the baseline. */
export class Estimator {
  private readonly buffer: Float32Array;
  private readonly baselineLanes: Set<string>;

  constructor(readonly parts: EstimatorParts, private readonly net: DenseNet | undefined) {
    this.buffer = new Float32Array(featureWidth(parts.featureSpec));
    this.baselineLanes = new Set(parts.serving.baselineLanes);
    if (net && net.inputWidth !== this.buffer.length) throw new Error('model input width does not match its feature spec');
  }

  get hasModel(): boolean {
    return this.net !== undefined;
  }

  /** Which estimator serves this order. */
  sourceFor(input: PurchaseInput): 'model' | 'baseline' {
    return this.net && this.parts.serving.model && !this.baselineLanes.has(servingLaneKey(input)) ? 'model' : 'baseline';
  }

  modelQuantiles(input: PurchaseInput, timing: OrderTiming, history: LaneHistory): number[] {
    const h = historyFeatures(history, input, timing.purchaseMs);
    const out = this.net!.predict(encode(this.parts.featureSpec, input, timing, h, this.buffer));
    return monotone(Array.from(out, (v) => Math.max(0, v * this.parts.targetScale)));
  }

  quantiles(input: PurchaseInput, timing: OrderTiming, history: LaneHistory, source = this.sourceFor(input)): number[] {
    return source === 'model' ? this.modelQuantiles(input, timing, history) : baselineQuantiles(this.parts.baseline, input);
  }

  estimate(input: PurchaseInput, history: LaneHistory, forced?: 'model' | 'baseline'): Estimate {
    const timing = orderTiming(input, this.parts.featureSpec.cutoffHour);
    const source = forced ?? this.sourceFor(input);
    const q = this.quantiles(input, timing, history, source);
    const rule = this.parts.promise[source];
    const range = this.parts.range?.[source] ?? { low: 'floor', high: 'ceil' };
    const day = (bd: number) => isoFromDay(dayAfterDispatch(timing, bd));
    return {
      source,
      quantiles: q,
      timing,
      promise: day(promiseBusinessDays(q, rule)),
      likely: day(q[MEDIAN_INDEX]!),
      low: day(Math[range.low](q[LOW_INDEX]!)),
      high: day(Math[range.high](q[HIGH_INDEX]!)),
    };
  }
}
