import { describe, expect, it } from 'vitest';
import { calibratePromise } from '../../../ml/calibrate.js';
import { isoFromDay } from '../../../ml/calendar-day.js';
import { promiseBusinessDays } from '../../../ml/estimator.js';
import { labelRows } from '../../../ml/labelled-rows.js';
import { dayAfterDispatch } from '../../../ml/timing.js';
import { delivered } from './fixtures.js';

describe('promise read-off', () => {
  it('interpolates between quantile levels and adds a fractional offset', () => {
    const q = [1, 2, 3, 4, 5, 7, 11];
    expect(promiseBusinessDays(q, { index: 4, offset: 0 })).toBe(5);
    expect(promiseBusinessDays(q, { index: 4, fraction: 0.5, offset: 0.25 })).toBe(6.25);
    expect(promiseBusinessDays(q, { index: 6, fraction: 0.5, offset: -1 })).toBe(10);
  });

  it('picks the cheapest rule whose validation late rate stays within the ceiling', () => {
    // 20 orders bought on Mondays of March–May 2018, delivered 3..12 business days after dispatch (two each).
    const deliveries = Array.from({ length: 20 }, (_, i) => {
      const monday = new Date(Date.UTC(2018, 2, 5 + 7 * i, 15));
      const purchasedAt = monday.toISOString();
      const base = labelRows([delivered(purchasedAt, { purchasedAt })], 14)[0]!;
      const day = dayAfterDispatch(base.timing, 3 + Math.floor(i / 2));
      return delivered(`${isoFromDay(day)}T15:00:00Z`, { purchasedAt });
    });
    const rows = labelRows(deliveries, 14);
    // Every order gets the same quantiles: the promise must sit near the worst cases to keep lateness low.
    const q = rows.map(() => [4, 5, 6, 7, 8, 9, 10]);
    const lateRate = (rule: ReturnType<typeof calibratePromise>) => rows.filter((r, i) => r.actualDay > dayAfterDispatch(r.timing, promiseBusinessDays(q[i]!, rule))).length / rows.length;
    const strict = calibratePromise(rows, q, 0);
    expect(lateRate(strict)).toBe(0);
    expect(Math.round(promiseBusinessDays(q[0]!, strict))).toBe(12);
    const loose = calibratePromise(rows, q, 0.1);
    expect(lateRate(loose)).toBeLessThanOrEqual(0.1);
    expect(Math.round(promiseBusinessDays(q[0]!, loose))).toBe(11);
  });
});
