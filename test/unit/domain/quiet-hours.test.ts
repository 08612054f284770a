import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, offsetMinutes, quietHoursRelease } from '../../../src/domain/quiet-hours.js';

const at = (iso: string) => Date.parse(iso);
const night = (timeZone: string) => ({ start: '21:00', end: '08:00', timeZone });

describe('quiet hours', () => {
  it('reads zone offsets, daylight saving included', () => {
    expect(offsetMinutes(at('2026-07-01T12:00:00Z'), 'Europe/Istanbul')).toBe(180);
    expect(offsetMinutes(at('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(at('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(at('2026-07-15T12:00:00.750Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('holds an SMS due at 03:00 local time until 08:00 local, in the customer\'s zone', () => {
    // 00:00 UTC is 03:00 in Istanbul: released at 08:00 Istanbul = 05:00 UTC.
    expect(quietHoursRelease(at('2026-12-07T00:00:00Z'), night('Europe/Istanbul'))).toBe(at('2026-12-07T05:00:00Z'));
    // The same instant is 19:00 the evening before in New York: not quiet there.
    expect(quietHoursRelease(at('2026-12-07T00:00:00Z'), night('America/New_York'))).toBe(at('2026-12-07T00:00:00Z'));
    // 22:30 in New York (03:30 UTC next day) waits for 08:00 New York the next morning (13:00 UTC).
    expect(quietHoursRelease(at('2026-12-08T03:30:00Z'), night('America/New_York'))).toBe(at('2026-12-08T13:00:00Z'));
  });

  it('lets through what is due outside the window, and at the window\'s end exactly', () => {
    expect(quietHoursRelease(at('2026-12-07T05:00:00Z'), night('Europe/Istanbul'))).toBe(at('2026-12-07T05:00:00Z'));
    expect(quietHoursRelease(at('2026-12-07T17:59:00Z'), night('Europe/Istanbul'))).toBe(at('2026-12-07T17:59:00Z'));
    expect(quietHoursRelease(at('2026-12-07T18:00:00Z'), night('Europe/Istanbul'))).toBe(at('2026-12-08T05:00:00Z'));
  });

  it('keeps the wall-clock end across a daylight-saving change (New York, 8 March 2026)', () => {
    // 23:00 EST on 7 March (04:00 UTC 8 March); clocks spring forward at 02:00; 08:00 EDT is 12:00 UTC.
    expect(quietHoursRelease(at('2026-03-08T04:00:00Z'), night('America/New_York'))).toBe(at('2026-03-08T12:00:00Z'));
  });

  it('handles a window that does not wrap midnight, and an empty one', () => {
    const siesta = { start: '13:00', end: '15:00', timeZone: 'Europe/Madrid' };
    expect(quietHoursRelease(at('2026-07-01T12:30:00Z'), siesta)).toBe(at('2026-07-01T13:00:00Z'));
    expect(quietHoursRelease(at('2026-07-01T10:00:00Z'), siesta)).toBe(at('2026-07-01T10:00:00Z'));
    expect(quietHoursRelease(at('2026-07-01T02:00:00Z'), { start: '08:00', end: '08:00', timeZone: 'UTC' })).toBe(at('2026-07-01T02:00:00Z'));
  });

  it('knows real zones and refuses made-up ones and bad times', () => {
    expect(isKnownTimeZone('Europe/Istanbul')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(() => quietHoursRelease(0, { start: '25:00', end: '08:00', timeZone: 'UTC' })).toThrow(RangeError);
  });
});
