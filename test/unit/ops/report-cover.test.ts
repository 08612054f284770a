import { describe, expect, it } from 'vitest';
import { monthOfDay } from '../../../src/db/report-rollups/contribution.js';
import { parseInstant } from '../../../src/domain/instant.js';
import { isoWeekKey } from '../../../src/domain/iso-week.js';
import { planReportCover } from '../../../src/services/reports/report-cover.js';

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);
const names = (c: ReturnType<typeof planReportCover>) => c.reads.map((r) => `${r.level}${r.key}/${r.scope}`);

describe('report cover: which rollup rows a period reads (pure)', () => {
  it('a period by carrier reads whole months, then whole weeks, then days, and the days it cuts as partial', () => {
    // 2026-09-14 10:00 (a Monday, cut) → 2026-12-09 18:00 (cut).
    const cover = planReportCover(at('2026-09-14T10:00:00Z'), at('2026-12-09T18:00:00Z'), 'carrier');
    expect(cover.partialDays).toEqual(['2026-09-14', '2026-12-09']);
    expect(names(cover)).toEqual([
      'd2026-09-15/carrier', 'd2026-09-16/carrier', 'd2026-09-17/carrier', 'd2026-09-18/carrier', 'd2026-09-19/carrier', 'd2026-09-20/carrier',
      'w2026-09-21/carrier',
      'd2026-09-28/carrier', 'd2026-09-29/carrier', 'd2026-09-30/carrier',
      'm2026-10/carrier', 'm2026-11/carrier',
      'd2026-12-01/carrier', 'd2026-12-02/carrier', 'd2026-12-03/carrier', 'd2026-12-04/carrier', 'd2026-12-05/carrier', 'd2026-12-06/carrier',
      'd2026-12-07/carrier', 'd2026-12-08/carrier',
    ]);
  });

  it('a year by lane reads about a dozen months, not 365 days', () => {
    const cover = planReportCover(at('2025-12-01T00:00:00Z'), at('2026-12-01T00:00:00Z'), 'lane');
    expect(cover.partialDays).toEqual([]);
    expect(names(cover)).toHaveLength(12);
    expect(cover.reads.every((r) => r.level === 'm' && r.scope === 'lane')).toBe(true);
  });

  it('by week reads ISO weeks and whole days at the ragged ends, never months; by day only days', () => {
    const from = at('2026-06-04T00:00:00Z');
    const to = from + 180 * DAY;
    const weekly = planReportCover(from, to, 'week');
    expect(weekly.reads.some((r) => r.level === 'm')).toBe(false);
    expect(weekly.reads.filter((r) => r.level === 'w')).toHaveLength(25);
    expect(weekly.reads.length).toBeLessThan(40);
    for (const r of weekly.reads.filter((x) => x.level === 'w')) expect(isoWeekKey(parseInstant(r.key))).toBe(r.key);
    const daily = planReportCover(from, from + 30 * DAY, 'day');
    expect(daily.reads).toHaveLength(30);
    expect(daily.reads.every((r) => r.level === 'd' && r.scope === 'all')).toBe(true);
  });

  it('the scope is as coarse as the grouping and the carrier filter allow', () => {
    const from = at('2026-11-02T00:00:00Z');
    expect(planReportCover(from, from + DAY, 'day').reads[0]!.scope).toBe('all');
    expect(planReportCover(from, from + DAY, 'day', 'dhl').reads[0]!.scope).toBe('carrier');
    expect(planReportCover(from, from + DAY, 'carrier').reads[0]!.scope).toBe('carrier');
    expect(planReportCover(from, from + DAY, 'lane', 'dhl').reads[0]!.scope).toBe('lane');
  });

  it('a period inside one day, or across one midnight, reads only those days’ contributions', () => {
    expect(planReportCover(at('2026-11-03T10:00:00Z'), at('2026-11-03T14:00:00Z'), 'lane')).toEqual({ reads: [], partialDays: ['2026-11-03'] });
    expect(planReportCover(at('2026-11-03T10:00:00Z'), at('2026-11-04T05:00:00Z'), 'day')).toEqual({ reads: [], partialDays: ['2026-11-03', '2026-11-04'] });
    expect(planReportCover(at('2026-11-03T00:00:00Z'), at('2026-11-04T05:00:00Z'), 'day')).toEqual({ reads: [{ level: 'd', key: '2026-11-03', scope: 'all' }], partialDays: ['2026-11-04'] });
  });

  it('covers every day of the period exactly once', () => {
    const from = at('2026-01-29T07:00:00Z');
    const to = at('2026-05-03T05:00:00Z');
    for (const groupBy of ['day', 'week', 'carrier', 'lane'] as const) {
      const cover = planReportCover(from, to, groupBy);
      const covered: string[] = [...cover.partialDays];
      for (const r of cover.reads) {
        const start = at(`${r.level === 'm' ? `${r.key}-01` : r.key}T00:00:00Z`);
        for (let d = start; ; d += DAY) {
          const day = new Date(d).toISOString().slice(0, 10);
          if (r.level === 'd' ? d > start : r.level === 'w' ? d >= start + 7 * DAY : monthOfDay(day) !== r.key) break;
          covered.push(day);
        }
      }
      const expected: string[] = [];
      for (let d = at('2026-01-29T00:00:00Z'); d < to; d += DAY) expected.push(new Date(d).toISOString().slice(0, 10));
      expect(covered.sort(), groupBy).toEqual(expected);
    }
  });
});
