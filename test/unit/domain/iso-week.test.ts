import { describe, expect, it } from 'vitest';
import { isoWeekKey, isoWeekStart } from '../../../src/domain/iso-week.js';

const DAY = 86_400_000;

describe('ISO weeks (UTC)', () => {
  it('start on Monday', () => {
    expect(isoWeekKey(Date.parse('2026-11-08T23:59:59Z'))).toBe('2026-11-02'); // a Sunday
    expect(isoWeekKey(Date.parse('2026-11-09T00:00:00Z'))).toBe('2026-11-09');
    expect(isoWeekKey(Date.parse('2027-01-01T12:00:00Z'))).toBe('2026-12-28');
    expect(isoWeekKey(Date.parse('1969-12-31T12:00:00Z'))).toBe('1969-12-29');
  });

  it('give every instant of three years the Monday at or before its day, at midnight', () => {
    for (let t = Date.UTC(2025, 0, 1, 7, 30); t < Date.UTC(2028, 0, 1); t += DAY + 3_600_000) {
      const start = isoWeekStart(t);
      expect(new Date(start).getUTCDay()).toBe(1);
      expect(start % DAY).toBe(0);
      expect(t - start).toBeGreaterThanOrEqual(0);
      expect(t - start).toBeLessThan(7 * DAY);
    }
  });
});
