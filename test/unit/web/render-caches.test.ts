import { describe, expect, it } from 'vitest';
import { dateTime, dayInWords, shortDay, zoneName } from '../../../src/web/format/dates.js';
import { cachedCountryPaths, countryPaths, frameFor } from '../../../src/web/map/map-frame.js';

describe('render caches of the tracking page', () => {
  it('draws a frame once: the cached country paths equal a fresh drawing, and a second page reuses them', () => {
    const frame = frameFor([
      { lat: 45.52, lon: -122.68, label: 'Portland', kind: 'scan' },
      { lat: 41.88, lon: -87.63, label: 'Chicago', kind: 'destination' },
    ]);
    const first = cachedCountryPaths(frame);
    expect(first).toEqual(countryPaths(frame));
    expect(first.map((c) => c.name)).toContain('United States of America');
    // The same pins give an equal frame (a new object): the paths come from the cache.
    const again = frameFor([
      { lat: 45.52, lon: -122.68, label: 'Portland', kind: 'scan' },
      { lat: 41.88, lon: -87.63, label: 'Chicago', kind: 'destination' },
    ]);
    expect(cachedCountryPaths(again)).toBe(first);
    const elsewhere = frameFor([{ lat: 41.01, lon: 28.98, label: 'Istanbul', kind: 'destination' }]);
    expect(cachedCountryPaths(elsewhere)).not.toBe(first);
    expect(cachedCountryPaths(elsewhere).map((c) => c.name)).toContain('Turkey');
  });

  it('formats with cached formatters per locale, zone and options: each call still uses its own', () => {
    const at = '2026-05-07T21:30:00Z';
    // Same instant, two zones and two locales, interleaved: a formatter shared across them would show it.
    expect(dateTime(at, 'en-GB', 'America/New_York')).toBe('Thu 7 May, 17:30');
    expect(dateTime(at, 'en-GB', 'Europe/Istanbul')).toBe('Fri 8 May, 00:30');
    expect(dateTime(at, 'en-GB', 'America/New_York')).toBe('Thu 7 May, 17:30');
    expect(dayInWords('2026-05-07', 'en-GB', 'Asia/Tokyo')).toBe('Thursday, 7 May');
    expect(dayInWords('2026-05-07', 'tr-TR', 'Asia/Tokyo')).toBe('7 Mayıs Perşembe');
    expect(shortDay('2026-05-07', 'en-GB', 'UTC')).toBe('Thu 7 May');
    expect(shortDay('2026-05-07', 'tr-TR', 'UTC')).toBe('7 Mayıs');
    expect(zoneName('en-GB', 'America/New_York', Date.parse(at))).toMatch(/Eastern/);
    expect(zoneName('en-GB', 'Europe/Berlin', Date.parse(at))).toMatch(/Central European/);
  });
});
