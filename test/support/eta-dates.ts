import Holidays from 'date-holidays';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const weekday = (ms: number) => new Date(ms).getUTCDay();

/**
 * A Tuesday (UTC date) between `minDaysAgo` and a year ago whose next three weeks hold no holiday of any
 * kind in the US (California): then the ETA's business days are plain Monday–Friday arithmetic, which the
 * tests can check by hand, and the order still falls inside the API's placement window.
 */
export function quietTuesday(nowMs: number, minDaysAgo = 3): string {
  const hd = new Holidays('US', 'CA');
  for (let back = minDaysAgo; back < 330; back += 1) {
    const day = Math.floor(nowMs / DAY) * DAY - back * DAY;
    if (weekday(day) !== 2) continue;
    let quiet = true;
    for (let d = -1; d < 21 && quiet; d += 1) if (hd.isHoliday(new Date(day + d * DAY + 12 * 3_600_000))) quiet = false;
    if (quiet) return iso(day);
  }
  throw new Error('no holiday-free Tuesday in the last year');
}

/** `n` weekdays after the `YYYY-MM-DD` day (weekends skipped). */
export function weekdaysAfter(day: string, n: number): string {
  let ms = Date.parse(`${day}T00:00:00Z`);
  for (let left = n; left > 0; ) {
    ms += DAY;
    if (weekday(ms) !== 0 && weekday(ms) !== 6) left -= 1;
  }
  return iso(ms);
}

/** The `YYYY-MM-DD` day `n` calendar days after `day`. */
export function daysAfter(day: string, n: number): string {
  return iso(Date.parse(`${day}T00:00:00Z`) + n * DAY);
}
