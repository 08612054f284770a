import type { Estimator } from './estimator.js';
import { dayFromIso } from './calendar-day.js';
import type { LaneHistory } from './lane-history.js';
import { addToHistory, type LabelledRow } from './labelled-rows.js';
import { scoreDates, scorePromise, type AccuracyReport, type PromiseReport, type ScoredDates } from './metrics.js';

/** What eval:eta prints: the served estimates, the baseline alone and the platform's recorded promise. */
export interface EvaluationReport extends AccuracyReport {
  model_share: number;
  model_only?: AccuracyReport;
  baseline: AccuracyReport;
  platform?: PromiseReport;
}

/**
 * Score an estimator on labelled rows in purchase order. Each row is predicted from its purchase-time
 * fields and the lane history of deliveries completed before its purchase (the given history plus the
 * rows' own completions, which the history admits only once their moment has passed).
 */
export function evaluateRows(estimator: Estimator, rows: LabelledRow[], history: LaneHistory, withModelOnly = true): EvaluationReport {
  addToHistory(history, rows);
  const served: ScoredDates[] = [];
  const base: ScoredDates[] = [];
  const modelOnly: ScoredDates[] = [];
  let modelServed = 0;
  const scored = (actual: number, e: { promise: string; likely: string; low: string; high: string }): ScoredDates => ({
    actual,
    promise: dayFromIso(e.promise),
    likely: dayFromIso(e.likely),
    low: dayFromIso(e.low),
    high: dayFromIso(e.high),
  });
  for (const row of rows) {
    const input = row.delivery.input;
    const e = estimator.estimate(input, history);
    if (e.source === 'model') modelServed += 1;
    served.push(scored(row.actualDay, e));
    base.push(scored(row.actualDay, estimator.estimate(input, history, 'baseline')));
    if (withModelOnly && estimator.hasModel) modelOnly.push(scored(row.actualDay, estimator.estimate(input, history, 'model')));
  }
  const withPlatform = rows.filter((r) => r.platformDay !== undefined);
  return {
    ...scoreDates(served),
    model_share: rows.length ? Math.round((modelServed / rows.length) * 10_000) / 10_000 : 0,
    ...(modelOnly.length ? { model_only: scoreDates(modelOnly) } : {}),
    baseline: scoreDates(base),
    ...(withPlatform.length ? { platform: scorePromise(withPlatform.map((r) => ({ actual: r.actualDay, promise: r.platformDay! }))) } : {}),
  };
}
