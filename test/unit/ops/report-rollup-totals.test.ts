import { describe, expect, it } from 'vitest';
import type { Contribution } from '../../../src/db/report-rollups/contribution.js';
import { contributionKey } from '../../../src/db/report-rollups/contribution.js';
import { decodeTotals, encodeTotals } from '../../../src/db/report-rollups/rollup-codec.js';
import { EMPTY_HISTOGRAM, histogramOf } from '../../../src/db/report-rollups/histogram.js';
import { groupPeriodRows } from '../../../src/db/report-rollups/period-rows.js';
import { foldContributions, sumTotals } from '../../../src/db/report-rollups/rollup-totals.js';
import { figuresFromTotals, histogramMedianHours } from '../../../src/services/reports/rollup-figures.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 10);

describe('rollup totals (pure)', () => {
  it('keys a contribution by what it is about, never by when it was written', () => {
    expect(contributionKey({ k: 'placed', o: 'A1', t: 1 })).toBe('p:A1');
    expect(contributionKey({ k: 'state', o: 'A1', r: 4, s: 'delivered' })).toBe('s:A1:4');
    expect(contributionKey({ k: 'change', o: 'A1', to: 'exception' })).toBe('c:A1:exception');
    expect(contributionKey({ k: 'notify', o: 'A1', n: 'notify:A1:shipped:sms', ch: 'sms', st: 'sent' })).toBe('n:notify:A1:shipped:sms');
    expect(contributionKey({ k: 'rating', o: 'A1', v: 5 })).toBe('f:A1');
  });

  it('folds the highest revision of each order, counts only cohort orders, and judges open promises at asOf', () => {
    const c: Contribution[] = [
      { k: 'placed', o: 'A', t: T0, d: T0 + 48 * H },
      { k: 'state', o: 'A', r: 3, s: 'delivered', dl: T0 + 30 * H, sh: T0 + 6 * H },
      { k: 'state', o: 'A', r: 2, s: 'in_transit' },
      { k: 'placed', o: 'B', t: T0 + H, d: T0 + 24 * H },
      { k: 'state', o: 'B', r: 2, s: 'exception' },
      { k: 'change', o: 'B', to: 'exception' },
      { k: 'placed', o: 'C', t: T0 + 2 * H },
      { k: 'notify', o: 'A', n: 'n1', ch: 'email', st: 'sent' },
      { k: 'notify', o: 'B', n: 'n2', ch: 'sms', st: 'failed' },
      { k: 'rating', o: 'A', v: 4 },
      // Not placed in this bucket: ignored.
      { k: 'rating', o: 'Z', v: 1 },
      { k: 'change', o: 'Z', to: 'returned_to_sender' },
    ];
    const totals = foldContributions(c);
    const f = figuresFromTotals(totals, T0 + 25 * H);
    expect(f).toMatchObject({ orders: 3, inFlight: 1, delivered: 1, avgPlacedToDeliveredHours: 30, medianHandoffToDeliveredHours: 24, onTimeRate: 1, openPastPromise: 1, delayed: 1, exceptions: 1, returns: 0, avgRating: 4 });
    expect(f.notifications).toEqual({ email: { sent: 1, failed: 0 }, sms: { sent: 0, failed: 1 }, push: { sent: 0, failed: 0 } });
    expect(figuresFromTotals(totals, T0 + 23 * H).openPastPromise).toBe(0);
    // A window keeps only the orders placed inside it, and what belongs to them.
    expect(figuresFromTotals(foldContributions(c, { from: T0 + H, to: T0 + 3 * H }), T0 + 25 * H)).toMatchObject({ orders: 2, delivered: 0, exceptions: 1, notifications: { email: { sent: 0 } } });
  });

  it('round-trips through its stored form and merges exactly', () => {
    const a = foldContributions([{ k: 'placed', o: 'A', t: T0, d: T0 + 90 * H }, { k: 'state', o: 'A', r: 1, s: 'delivered', dl: T0 + 61 * 60_000 }, { k: 'notify', o: 'A', n: 'x', ch: 'push', st: 'sent' }]);
    const b = foldContributions([{ k: 'placed', o: 'B', t: T0, d: T0 + 1 }, { k: 'state', o: 'B', r: 1, s: 'in_transit' }]);
    const decoded = decodeTotals(JSON.parse(JSON.stringify(encodeTotals(a))) as Record<string, unknown>);
    expect(decoded).toEqual(a);
    const merged = sumTotals([decodeTotals(encodeTotals(a)), decodeTotals(encodeTotals(b))]);
    expect(figuresFromTotals(merged, T0 + 2)).toMatchObject({ orders: 2, delivered: 1, inFlight: 1, openPastPromise: 1, notifications: { push: { sent: 1, failed: 0 } } });
  });

  it('takes medians from a minute histogram like the exact median of whole-minute values', () => {
    const values = [5, 5, 9, 12, 30, 31, 31, 90];
    const hist = new Map<number, number>();
    for (const v of values) hist.set(v, (hist.get(v) ?? 0) + 1);
    expect(histogramMedianHours(histogramOf(hist), values.length)).toBe(Math.round(((12 + 30) / 2 / 60) * 100) / 100);
    expect(histogramMedianHours(histogramOf(new Map([[120, 1], [60, 2]])), 3)).toBe(1);
    expect(histogramMedianHours(EMPTY_HISTOGRAM, 0)).toBeNull();
  });

  it('groups a span\'s lane-day rows per lane (weeks and months only), per carrier and all together, n summed, totals not yet', () => {
    const row = (day: string, carrierId: string, country: string, n: number) => ({ day, carrierId, country, n, totals: foldContributions([{ k: 'placed', o: `${day}${carrierId}${country}`, t: T0 }]) });
    const daily = [row('2026-11-02', 'ups', 'US', 3), row('2026-11-03', 'ups', 'US', 4), row('2026-11-03', 'ups', 'DE', 1), row('2026-11-03', 'dhl', 'DE', 2)];
    const summary = (level: 'd' | 'w') =>
      groupPeriodRows(level, 'k', daily)
        .map((g) => `${g.scope} ${g.carrierId}|${g.country} n=${g.n} parts=${g.parts.length}`)
        .sort();
    expect(summary('w')).toEqual(['all *|* n=10 parts=4', 'carrier dhl|* n=2 parts=1', 'carrier ups|* n=8 parts=3', 'lane dhl|DE n=2 parts=1', 'lane ups|DE n=1 parts=1', 'lane ups|US n=7 parts=2']);
    expect(summary('d').filter((g) => g.startsWith('lane'))).toEqual([]);
    expect(sumTotals(groupPeriodRows('w', 'k', daily).find((g) => g.scope === 'all')!.parts).orders).toBe(4);
  });
});
