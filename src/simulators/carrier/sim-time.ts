/** Time units in ms, for readable scenario tables. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The wall-clock parts of an instant seen at a fixed UTC offset. */
function localParts(ms: number, offsetMinutes: number): Date {
  return new Date(ms + offsetMinutes * MINUTE);
}

/** `+05:30` / `-05:00` for an offset in minutes. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO 8601 with the place's offset and whole seconds, e.g. `2024-03-01T10:15:00-05:00`, as carriers send it. */
export function formatIsoWithOffset(ms: number, offsetMinutes: number): string {
  const d = localParts(ms, offsetMinutes);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date}T${time}${formatOffset(offsetMinutes)}`;
}

/** The local calendar date (`YYYY-MM-DD`) of an instant at an offset. */
export function formatLocalDate(ms: number, offsetMinutes: number): string {
  return formatIsoWithOffset(ms, offsetMinutes).slice(0, 10);
}

/** The UTC offset written in an ISO string (`Z` = 0); 0 when it has none. */
export function offsetOf(iso: string): number {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
