/**
 * Canadian time-zone abbreviations Canada Post writes in `event-time-zone`, as UTC offsets. The
 * abbreviation itself says standard vs daylight time, so no DST rules are needed. `CST` is read as
 * Central Standard Time (Saskatchewan/Manitoba), never China Standard Time, because every Canada Post
 * scan site is in North America's zones; `GMT`/`UTC`/`Z` cover international exchange-office scans.
 */
export const CANADA_POST_TIME_ZONES: Readonly<Record<string, string>> = {
  NST: '-03:30',
  NDT: '-02:30',
  AST: '-04:00',
  ADT: '-03:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
  GMT: '+00:00',
  UTC: '+00:00',
  Z: '+00:00',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const NUMERIC_OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * Builds ISO 8601 from Canada Post's `event-date` (`2011-02-03`), `event-time` (`11:59:59`) and
 * `event-time-zone` (`EST`). With a known zone the offset is appended (`2011-02-03T11:59:59-05:00`);
 * with an unknown zone the local time is kept without offset rather than guessed; without a time the
 * bare date is returned. Returns undefined when the date is missing or malformed.
 */
export function canadaPostTimestamp(date?: string, time?: string, zone?: string): string | undefined {
  const day = date?.trim() ?? '';
  if (!DATE.test(day)) return undefined;
  const clock = TIME.exec(time?.trim() ?? '');
  if (!clock) return day;
  const local = `${day}T${clock[1]}:${clock[2]}:${clock[3] ?? '00'}`;
  const tz = zone?.trim().toUpperCase() ?? '';
  const offset = NUMERIC_OFFSET.test(tz) ? tz : CANADA_POST_TIME_ZONES[tz];
  return offset ? `${local}${offset}` : local;
}
