/**
 * ISO 8601 instants as epoch milliseconds, computed by hand. The domain never touches the `Date` global
 * (lint-enforced): `Date.parse` reads a date-time without offset in the host's time zone, which would make
 * the reducer answer differently on two workers. Here a missing offset always means UTC.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm: exact, no tables). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Offset in minutes east of UTC; NaN when out of range. */
function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z' || offset === 'z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return hours > 23 || minutes > 59 ? NaN : sign * (hours * 60 + minutes);
}

/**
 * Epoch milliseconds of an ISO 8601 date or date-time (`2024-03-01`, `2024-03-01T10:15:00-05:00`,
 * `2024-03-01T10:15Z`, fractions truncated to milliseconds). A date alone is midnight UTC; a date-time
 * without offset is read as UTC. Returns NaN for anything else, including impossible dates (Feb 30).
 */
export function parseInstant(iso: string): number {
  const m = ISO.exec(iso.trim());
  if (!m) return NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  const offsetMin = offsetMinutes(offset);
  if (Number.isNaN(offsetMin)) return NaN;
  const millis = Number(frac.slice(0, 3).padEnd(3, '0'));
  const local = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return local - offsetMin * MS_PER_MINUTE;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Canonical UTC form of an instant, `YYYY-MM-DDTHH:mm:ss.sssZ` (the shape `toISOString` gives). */
export function formatInstant(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  const rest = ms - days * MS_PER_DAY;
  const [year, month, day] = civilFromDays(days);
  const hours = Math.floor(rest / 3_600_000);
  const minutes = Math.floor((rest % 3_600_000) / MS_PER_MINUTE);
  const seconds = Math.floor((rest % MS_PER_MINUTE) / 1000);
  const millis = rest % 1000;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}Z`;
}

/** The later of two ISO instants (the first when equal or when the second does not parse). */
export function laterInstant(a: string, b: string): string {
  return parseInstant(b) > parseInstant(a) ? b : a;
}
