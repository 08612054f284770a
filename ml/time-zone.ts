import type { Day } from './calendar-day.js';

/** Wall-clock reading of an instant in a time zone. */
export interface LocalTime {
  day: Day;
  /** Hour of day with minutes as a fraction (14.5 = 14:30). */
  hour: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is the clear error we want for bad input.
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instantMs)) parts[p.type] = p.value;
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
}

const HOUR = 3_600_000;
const offsets = new Map<string, number>();

/**
 * Wall clock via the zone's UTC offset, cached per zone and UTC hour (Intl formatting costs tens of
 * microseconds per call). Offsets change on whole UTC hours in nearly every zone; the few that switch on a
 * half hour (Newfoundland) read the old offset for at most 30 minutes a year.
 */
function wallClockFast(instantMs: number, timeZone: string): number {
  const hour = Math.floor(instantMs / HOUR);
  const key = `${timeZone}|${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 200_000) offsets.clear();
    offset = wallClockMs(hour * HOUR, timeZone) - hour * HOUR;
    offsets.set(key, offset);
  }
  return instantMs + offset;
}

/** `YYYY-MM-DD HH:MM:SS` on the wall clock of `timeZone` (the delivery CSV's timestamp format). */
export function formatWallClock(instantMs: number, timeZone: string): string {
  return new Date(wallClockMs(instantMs, timeZone)).toISOString().slice(0, 19).replace('T', ' ');
}

/** The calendar day and hour an instant shows on a wall clock in `timeZone`. */
export function localTime(instantMs: number, timeZone: string): LocalTime {
  const wall = wallClockFast(instantMs, timeZone);
  const day = Math.floor(wall / 86_400_000);
  return { day, hour: (wall - day * 86_400_000) / 3_600_000 };
}

/** The calendar day an instant falls on in `timeZone`. */
export function localDay(instantMs: number, timeZone: string): Day {
  return localTime(instantMs, timeZone).day;
}

/**
 * The instant a wall-clock time without zone (`2017-03-01 14:05:00`) names in `timeZone`. Two passes settle
 * the offset, also across a daylight-saving change.
 */
export function instantFromWallClock(wall: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(wall.trim());
  if (!m) throw new Error(`not a wall-clock time: "${wall}"`);
  const target = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  let guess = target;
  for (let i = 0; i < 2; i += 1) guess += target - wallClockMs(guess, timeZone);
  return guess;
}

/** An ISO instant with offset, or a bare calendar date read as that day's local midnight. */
export function parseInstant(value: string, timeZone: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return instantFromWallClock(value, timeZone);
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) return instantFromWallClock(value, timeZone);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`not an instant: "${value}"`);
  return ms;
}
