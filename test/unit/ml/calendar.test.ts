import { describe, expect, it } from 'vitest';
import { businessCalendar } from '../../../ml/business-calendar.js';
import { dayFromIso, isoFromDay, weekdayOf } from '../../../ml/calendar-day.js';
import { instantFromWallClock, localDay, localTime } from '../../../ml/time-zone.js';

const d = dayFromIso;

describe('business calendar', () => {
  it('skips weekends and national public holidays', () => {
    const br = businessCalendar('BR');
    expect(br.isBusinessDay(d('2017-04-21'))).toBe(false); // Tiradentes, a Friday
    expect(br.isBusinessDay(d('2017-04-22'))).toBe(false); // Saturday
    expect(br.isBusinessDay(d('2017-04-20'))).toBe(true);
    expect(isoFromDay(br.addBusinessDays(d('2017-04-20'), 1))).toBe('2017-04-24');
    expect(br.businessDaysBetween(d('2017-04-20'), d('2017-04-24'))).toBe(1);
    expect(br.holidaysBetween(d('2017-04-17'), d('2017-04-23'))).toBe(1);
  });

  it('knows regional holidays: 9 July is a holiday in São Paulo, not in Rio de Janeiro', () => {
    expect(weekdayOf(d('2018-07-09'))).toBe(1);
    expect(businessCalendar('BR', 'SP').isBusinessDay(d('2018-07-09'))).toBe(false);
    expect(businessCalendar('BR', 'RJ').isBusinessDay(d('2018-07-09'))).toBe(true);
  });

  it('falls back to the country for an unknown region', () => {
    const cal = businessCalendar('US', 'ZZ');
    expect(cal.isBusinessDay(d('2025-07-04'))).toBe(false);
    expect(cal.isBusinessDay(d('2025-07-03'))).toBe(true);
  });

  it('counts a Saturday delivery as the Friday before and lands dates on business days', () => {
    const us = businessCalendar('US');
    expect(us.businessDaysBetween(d('2025-03-03'), d('2025-03-08'))).toBe(4);
    expect(weekdayOf(us.addBusinessDays(d('2025-03-07'), 1))).toBe(1);
    expect(us.onOrAfter(d('2025-03-08'))).toBe(d('2025-03-10'));
  });
});

describe('time zones', () => {
  it('gives the customer-side calendar day, not the UTC one', () => {
    const ms = Date.parse('2024-03-05T02:30:00Z');
    expect(isoFromDay(localDay(ms, 'America/New_York'))).toBe('2024-03-04');
    expect(isoFromDay(localDay(ms, 'Europe/Berlin'))).toBe('2024-03-05');
    expect(localTime(ms, 'America/New_York').hour).toBeCloseTo(21.5);
  });

  it('reads wall-clock times across a daylight-saving change', () => {
    expect(new Date(instantFromWallClock('2024-03-10 12:00:00', 'America/New_York')).toISOString()).toBe('2024-03-10T16:00:00.000Z');
    expect(new Date(instantFromWallClock('2024-03-09 12:00:00', 'America/New_York')).toISOString()).toBe('2024-03-09T17:00:00.000Z');
    expect(new Date(instantFromWallClock('2017-01-10 12:00', 'America/Sao_Paulo')).toISOString()).toBe('2017-01-10T14:00:00.000Z');
  });

  it('rejects an unknown zone and malformed dates', () => {
    expect(() => localDay(0, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => dayFromIso('next tuesday')).toThrow(/calendar date/);
  });
});
