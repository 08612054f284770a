import Holidays from 'date-holidays';
import { dayFromIso, monthOf, weekdayOf, type Day } from './calendar-day.js';

/**
 * Working days of one country (and region, where public holidays differ by state): Monday–Friday that are
 * not public holidays according to `date-holidays`. Parcels are dispatched and delivered on these days.
 */
export interface BusinessCalendar {
  readonly key: string;
  isBusinessDay(day: Day): boolean;
  /** `day` itself when it is a business day, else the next one. */
  onOrAfter(day: Day): Day;
  /** The business day `n` business days after `day` (n = 0: `onOrAfter(day)`). */
  addBusinessDays(day: Day, n: number): Day;
  /** Business days d with from < d ≤ to (0 when to ≤ from): a Saturday delivery counts as Friday's. */
  businessDaysBetween(from: Day, to: Day): number;
  /** Public holidays falling on weekdays in [from, to]. */
  holidaysBetween(from: Day, to: Day): number;
}

const calendars = new Map<string, BusinessCalendar>();
/** Days from 1970 to 2099 whose flags are cached. */
const FLAG_DAYS = 47_482;

function holidayDays(country: string, region: string | undefined, year: number): Set<Day> {
  let hd: Holidays;
  try {
    hd = region ? new Holidays(country, region) : new Holidays(country);
    // An unknown region leaves the instance without rules: fall back to the country's holidays.
    if (region && !hd.getHolidays(year)?.length) hd = new Holidays(country);
  } catch {
    hd = new Holidays(country);
  }
  const list = hd.getHolidays(year) ?? [];
  return new Set(list.filter((h) => h.type === 'public').map((h) => dayFromIso(h.date)));
}

/** One cached calendar per country + region (region optional, e.g. a Brazilian state `SP`). */
export function businessCalendar(country: string, region?: string): BusinessCalendar {
  const cc = country.toUpperCase();
  const rr = region?.toUpperCase() || undefined;
  const key = rr ? `${cc}-${rr}` : cc;
  const cached = calendars.get(key);
  if (cached) return cached;
  const years = new Map<number, Set<Day>>();
  const holiday = (day: Day) => {
    const { year } = monthOf(day);
    let set = years.get(year);
    if (!set) years.set(year, (set = holidayDays(cc, rr, year)));
    return set.has(day);
  };
  // Per-day flags filled lazily (0 unknown, 1 business day, 2 weekend, 3 weekday holiday): serving asks
  // about the same few hundred days over and over, and a Date + Set look-up each time cost microseconds.
  const flags = new Uint8Array(FLAG_DAYS);
  const flag = (day: Day) => {
    const cached = day >= 0 && day < FLAG_DAYS ? flags[day]! : 0;
    if (cached) return cached;
    const wd = weekdayOf(day);
    const value = wd === 0 || wd === 6 ? 2 : holiday(day) ? 3 : 1;
    if (day >= 0 && day < FLAG_DAYS) flags[day] = value;
    return value;
  };
  const isBusinessDay = (day: Day) => flag(day) === 1;
  const onOrAfter = (day: Day) => {
    let d = day;
    while (!isBusinessDay(d)) d += 1;
    return d;
  };
  const calendar: BusinessCalendar = {
    key,
    isBusinessDay,
    onOrAfter,
    addBusinessDays(day, n) {
      let d = onOrAfter(day);
      for (let left = Math.max(0, Math.round(n)); left > 0; left -= 1) d = onOrAfter(d + 1);
      return d;
    },
    businessDaysBetween(from, to) {
      let n = 0;
      for (let d = from + 1; d <= to; d += 1) if (isBusinessDay(d)) n += 1;
      return n;
    },
    holidaysBetween(from, to) {
      let n = 0;
      for (let d = from; d <= to; d += 1) if (flag(d) === 3) n += 1;
      return n;
    },
  };
  calendars.set(key, calendar);
  return calendar;
}
