import { baselineQuantiles, type BaselineTable } from './baseline.js';
import type { PromiseRule, RangeRule } from './estimator.js';
import { HIGH_INDEX, LOW_INDEX, QUANTILE_LEVELS, meanPinball } from './quantiles.js';
import { promiseBusinessDays, servingLaneKey } from './estimator.js';
import type { LabelledRow } from './labelled-rows.js';
import { dayAfterDispatch } from './timing.js';

/** Candidate promise rules: levels from the 90th percentile up, in tenths of the step to the next level, and quarter-day offsets. */
function* promiseRules(): Generator<PromiseRule> {
  for (let index = HIGH_INDEX; index < QUANTILE_LEVELS.length; index += 1) {
    const fractions = index === QUANTILE_LEVELS.length - 1 ? 1 : 10;
    for (let f = 0; f < fractions; f += 1) {
      for (let quarter = -12; quarter <= 24; quarter += 1) yield { index, fraction: f / 10, offset: quarter / 4 };
    }
  }
}

/**
 * Choose how the promise is read off the quantiles, on validation rows: the level (90th percentile or
 * above, interpolated between levels) and offset with the smallest mean absolute error whose late rate
 * stays at or under the target. Scored in calendar days after the business-day arithmetic, as customers
 * see it.
 */
export function calibratePromise(rows: LabelledRow[], quantiles: number[][], lateRateTarget: number): PromiseRule {
  let best: { rule: PromiseRule; mae: number } | undefined;
  let safest: { rule: PromiseRule; late: number } | undefined;
  // Hundreds of candidate rules land on a handful of whole business days per row: count each day once.
  const days = rows.map(() => new Map<number, number>());
  const dayFor = (i: number, businessDays: number) => {
    const whole = Math.max(0, Math.round(businessDays));
    let day = days[i]!.get(whole);
    if (day === undefined) days[i]!.set(whole, (day = dayAfterDispatch(rows[i]!.timing, whole)));
    return day;
  };
  for (const rule of promiseRules()) {
    let late = 0;
    let err = 0;
    rows.forEach((row, i) => {
      const day = dayFor(i, promiseBusinessDays(quantiles[i]!, rule));
      if (row.actualDay > day) late += 1;
      err += Math.abs(row.actualDay - day);
    });
    const lateRate = late / rows.length;
    const mae = err / rows.length;
    if (lateRate <= lateRateTarget && (!best || mae < best.mae)) best = { rule, mae };
    if (!safest || lateRate < safest.late) safest = { rule, late: lateRate };
  }
  return best?.rule ?? safest!.rule;
}

/**
 * Lanes (with at least `minRows` validation rows) where the baseline's pinball loss beats the model's by more
 * than two standard errors of the paired per-order difference (a lane's few validation orders are noisy; a
 * coin-flip lead must not switch it): the baseline serves them. Also whether the model beats it overall.
 */
export function chooseServing(
  rows: LabelledRow[],
  modelQ: number[][],
  baseline: BaselineTable,
  minRows = 20,
): { model: boolean; baselineLanes: string[]; modelLoss: number; baselineLoss: number } {
  const lanes = new Map<string, { n: number; diff: number; diffSq: number }>();
  let modelLoss = 0;
  let baselineLoss = 0;
  rows.forEach((row, i) => {
    const input = row.delivery.input;
    const m = meanPinball(row.transit, modelQ[i]!);
    const b = meanPinball(row.transit, baselineQuantiles(baseline, input));
    modelLoss += m;
    baselineLoss += b;
    const key = servingLaneKey(input);
    const lane = lanes.get(key) ?? { n: 0, diff: 0, diffSq: 0 };
    lane.n += 1;
    lane.diff += m - b;
    lane.diffSq += (m - b) ** 2;
    lanes.set(key, lane);
  });
  const baselineWins = (l: { n: number; diff: number; diffSq: number }) => {
    const mean = l.diff / l.n;
    const variance = Math.max(0, l.diffSq / l.n - mean * mean);
    return mean > 2 * Math.sqrt(variance / l.n);
  };
  const baselineLanes = [...lanes].filter(([, l]) => l.n >= minRows && baselineWins(l)).map(([k]) => k).sort();
  return { model: modelLoss < baselineLoss, baselineLanes, modelLoss: modelLoss / rows.length, baselineLoss: baselineLoss / rows.length };
}

/** Business-day quantiles of the baseline for rows (the calibration's input for the baseline's promise). */
export function baselineRows(rows: LabelledRow[], table: BaselineTable): number[][] {
  return rows.map((r) => baselineQuantiles(table, r.delivery.input));
}

/**
 * How to round the 10th/90th percentiles to whole days: the choice whose validation coverage is nearest the
 * middle of the 75–90% band a 10–90 range should cover (ceil/floor widen it, round keeps it tight).
 */
export function calibrateRange(rows: LabelledRow[], quantiles: number[][], target = 0.825): RangeRule {
  let best: { rule: RangeRule; gap: number } | undefined;
  for (const low of ['floor', 'round'] as const) {
    for (const high of ['round', 'ceil'] as const) {
      let covered = 0;
      rows.forEach((row, i) => {
        const lo = dayAfterDispatch(row.timing, Math[low](quantiles[i]![LOW_INDEX]!));
        const hi = dayAfterDispatch(row.timing, Math[high](quantiles[i]![HIGH_INDEX]!));
        if (row.actualDay >= lo && row.actualDay <= hi) covered += 1;
      });
      const gap = Math.abs(covered / rows.length - target);
      if (!best || gap < best.gap) best = { rule: { low, high }, gap };
    }
  }
  return best!.rule;
}
