const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Formatters by locale, zone and options, built once: constructing an Intl.DateTimeFormat costs about as
 * much as rendering the rest of a tracking page, and a page formats a dozen dates. Locales, zones and
 * option sets in use are few, so the cache stays small; it is cleared if it ever grows past that.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const FORMATTER_CACHE_MAX = 2_000;
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    if (formatters.size >= FORMATTER_CACHE_MAX) formatters.clear();
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** Instant of an ISO date or date-time; a bare date means that day's noon UTC (stays the same day anywhere near). */
const instantOf = (iso: string) => (DATE_ONLY.test(iso) ? Date.parse(`${iso}T12:00:00Z`) : Date.parse(iso));

/** A bare date is a calendar day, shown as such; a date-time is shown in the customer's zone. */
const zoneFor = (iso: string, timeZone: string) => (DATE_ONLY.test(iso) ? 'UTC' : timeZone);

/** "Thursday, 2 May" (English) / "2 Mayıs Perşembe" (Turkish). */
export function dayInWords(iso: string, locale: string, timeZone: string): string {
  const format = formatter(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: zoneFor(iso, timeZone) });
  if (!locale.startsWith('en')) return format.format(instantOf(iso));
  // en-GB's own order, with the comma after the weekday that English style guides use.
  const parts = Object.fromEntries(format.formatToParts(instantOf(iso)).map((p) => [p.type, p.value]));
  return `${parts.weekday}, ${parts.day} ${parts.month}`;
}

/** "Thu 2 May" / "2 Mayıs" for range ends (Turkish short weekdays read poorly after a date). */
export function shortDay(iso: string, locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = locale.startsWith('en') ? { weekday: 'short', day: 'numeric', month: 'short' } : { day: 'numeric', month: 'long' };
  return formatter(locale, { ...options, timeZone: zoneFor(iso, timeZone) }).format(instantOf(iso));
}

/** "Thu 2 May, 14:05" in the customer's zone. */
export function dateTime(iso: string, locale: string, timeZone: string): string {
  return formatter(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(Date.parse(iso));
}

/** The zone's name as people say it ("Eastern Time", "Türkiye Standart Saati"). */
export function zoneName(locale: string, timeZone: string, at: number): string {
  const part = formatter(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** The last instant a promise for this day (or date-time) still holds: end of day at the customer's place. */
export function promiseEnds(iso: string): number {
  // A bare date: allow the whole day in any zone (UTC−12 ends 12 h after UTC midnight + 24 h).
  return DATE_ONLY.test(iso) ? Date.parse(`${iso}T23:59:59Z`) + 12 * 3600_000 : Date.parse(iso);
}

/** Valid IANA zone or undefined. */
export function validZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}
