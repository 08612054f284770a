import { parseInstant } from '../../domain/instant.js';

/** `YYYYMMDD` → `YYYY-MM-DD`; undefined for anything else (the OpenAPI sample's literal "string" included). */
export function upsDate(value: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return Number.isNaN(parseInstant(iso)) ? undefined : iso;
}

/**
 * `HHMMSS` → `HH:MM:SS`. UPS drops leading zeros (`gmtTime: "74700"` in its spec) and third-party captures
 * show `11:49:17`, so colons are removed and short values padded; `HHMM` gets zero seconds.
 */
export function upsTime(value: string | undefined): string | undefined {
  let digits = value?.trim().replace(/:/g, '') ?? '';
  if (!/^\d{3,6}$/.test(digits)) return undefined;
  digits = digits.length === 4 ? `${digits}00` : digits.padStart(6, '0');
  const [h, m, s] = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6)];
  if (Number(h) > 23 || Number(m) > 59 || Number(s) > 59) return undefined;
  return `${h}:${m}:${s}`;
}

/** `-05:00` (Track API), `-04.00` (Track Alert pattern), `-0500`, `+5:30` → `±HH:MM`; undefined otherwise. */
export function upsOffset(value: string | undefined): string | undefined {
  const m = /^([+-])(\d{1,2})[:.]?(\d{2})$/.exec(value?.trim() ?? '');
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return undefined;
  return `${m[1]}${m[2]!.padStart(2, '0')}:${m[3]}`;
}

/** The offset implied by a local and a GMT reading of the same moment, when it is a plausible zone offset. */
function impliedOffset(localIso: string, gmtIso: string): string | undefined {
  const minutes = (parseInstant(localIso) - parseInstant(gmtIso)) / 60_000;
  if (!Number.isInteger(minutes) || minutes % 15 !== 0 || Math.abs(minutes) > 14 * 60) return undefined;
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** Local and GMT readings of one UPS event. */
export interface UpsClockReadings {
  date?: string;
  time?: string;
  gmtDate?: string;
  gmtTime?: string;
  gmtOffset?: string;
}

/**
 * ISO 8601 for a UPS event, keeping local wall-clock time: `date`+`time` with `gmtOffset` when given, else the
 * offset implied by `gmtDate`+`gmtTime` (Track Alert sends those but no offset), else no offset at all (never
 * invented). Falls back to the GMT reading (`Z`) when the local one is missing. Undefined without a date.
 */
export function upsDateTime(r: UpsClockReadings): string | undefined {
  const date = upsDate(r.date);
  const gmtDate = upsDate(r.gmtDate);
  const gmtTime = upsTime(r.gmtTime);
  if (!date) return gmtDate && gmtTime ? `${gmtDate}T${gmtTime}Z` : undefined;
  const time = upsTime(r.time);
  if (!time) return date;
  const local = `${date}T${time}`;
  const offset = upsOffset(r.gmtOffset) ?? (gmtDate && gmtTime ? impliedOffset(local, `${gmtDate}T${gmtTime}`) : undefined);
  return offset ? `${local}${offset}` : local;
}
