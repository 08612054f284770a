/**
 * Quiet hours: a text message due while the customer sleeps waits until their morning (e-mail is never
 * held: it waits in the inbox anyway). Wall-clock times are the customer's, in their IANA time zone, so a
 * shop in Istanbul texting a customer in New York respects New York's night, daylight saving included.
 * Pure: time comes in as a parameter; `Intl` supplies the zone rules, the same on every worker.
 */

/** A nightly window in local wall-clock time, `HH:MM` 24-hour; `start` after `end` wraps past midnight. */
export interface QuietHours {
  start: string;
  end: string;
  timeZone: string;
}

const MS_PER_MINUTE = 60_000;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since local midnight of `HH:MM`; throws on anything else (validated at the edge before). */
export function minutesOfDay(hhmm: string): number {
  const match = HH_MM.exec(hhmm);
  if (!match) throw new RangeError(`not a 24-hour HH:MM time: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes east (Istanbul +180, New York -300 or -240). */
export function offsetMinutes(atMs: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(atMs)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wallAsUtc = utcMs(parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((wallAsUtc - (atMs - (atMs % 1000 + 1000) % 1000)) / MS_PER_MINUTE);
}

/**
 * When a message due at `dueMs` may go out: `dueMs` itself outside the window, else the window's end
 * (the next local `end` time). Across a daylight-saving change the end is the wall-clock time the
 * customer reads, not a fixed count of hours.
 */
export function quietHoursRelease(dueMs: number, quiet: QuietHours): number {
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === end) return dueMs;
  const localMinute = Math.floor((dueMs + offsetMinutes(dueMs, quiet.timeZone) * MS_PER_MINUTE) / MS_PER_MINUTE);
  const minuteOfDay = ((localMinute % 1440) + 1440) % 1440;
  const inWindow = start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
  if (!inWindow) return dueMs;
  const daysAhead = start > end && minuteOfDay >= start ? 1 : 0;
  const localEndMinute = localMinute - minuteOfDay + daysAhead * 1440 + end;
  // The wall-clock end as an instant: guess with the offset now, then correct with the offset there.
  let release = (localEndMinute - offsetMinutes(dueMs, quiet.timeZone)) * MS_PER_MINUTE;
  release = (localEndMinute - offsetMinutes(release, quiet.timeZone)) * MS_PER_MINUTE;
  return Math.max(release, dueMs);
}

function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const days = era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
  return ((days * 24 + hour) * 60 + minute) * MS_PER_MINUTE + second * 1000;
}
