import { parseInstant } from '../../domain/instant.js';

const LOCAL = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|z|[+-]\d{2}:?\d{2})?$/;

/** `-7:00` (the spec's example), `-07:00`, `-0700`, `+5:30` → `±HH:MM`; undefined otherwise. */
export function uspsOffset(value: string | undefined): string | undefined {
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(value?.trim() ?? '');
  if (!m || Number(m[2]) > 14 || Number(m[3] ?? '0') > 59) return undefined;
  return `${m[1]}${m[2]!.padStart(2, '0')}:${m[3] ?? '00'}`;
}

function offsetBetween(localIso: string, gmtIso: string): string | undefined {
  const minutes = Math.round((parseInstant(localIso) - parseInstant(gmtIso)) / 60_000);
  if (!Number.isFinite(minutes) || minutes % 15 !== 0 || Math.abs(minutes) > 14 * 60) return undefined;
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * ISO 8601 for a USPS v3 event, keeping local wall-clock time. `eventTimestamp` is local time (real captures
 * pair `2024-11-22T13:58:00` with `GMTTimestamp` and `GMTOffset`), so:
 * - with `GMTOffset`: local time + that offset (any zone on `eventTimestamp` is replaced);
 * - else with `GMTTimestamp`: local time + the offset implied by the two readings;
 * - else an explicit ±HH:MM on `eventTimestamp` is kept, but a bare `Z` is dropped: USPS's README example
 *   writes "7:31 am in RICHMOND, VA" as `07:31:00Z`, i.e. local time mislabelled UTC;
 * - without `eventTimestamp`, `GMTTimestamp` as given. Undefined when nothing is readable.
 */
export function uspsEventTime(event: { eventTimestamp?: string; GMTTimestamp?: string; GMTOffset?: string }): string | undefined {
  const gmt = event.GMTTimestamp?.trim();
  const gmtOk = gmt !== undefined && !Number.isNaN(parseInstant(gmt));
  const m = LOCAL.exec(event.eventTimestamp?.trim() ?? '');
  if (!m || Number.isNaN(parseInstant(m[1]!))) return gmtOk ? gmt : undefined;
  const local = m[1]!;
  const zone = m[2];
  const offset = uspsOffset(event.GMTOffset) ?? (gmtOk ? offsetBetween(local, gmt) : undefined);
  if (offset) return `${local}${offset}`;
  return zone && zone.toUpperCase() !== 'Z' ? `${local}${zone}` : local;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `7:31 am`, `13:05`, `12:01 pm` → `HH:MM:SS`; undefined otherwise. */
export function uspsClock(value: string | undefined): string | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?m?\.?$/i.exec(value?.trim() ?? '');
  if (!m) return undefined;
  let hour = Number(m[1]);
  if (m[4]) hour = (hour % 12) + (m[4].toLowerCase() === 'p' ? 12 : 0);
  if (hour > 23 || Number(m[2]) > 59 || Number(m[3] ?? '0') > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}`;
}

/**
 * The moment in a summary sentence ("… as of 7:31 am on February 15, 2023 in RICHMOND, VA 23227."), local
 * time without offset; undefined when the sentence has no such phrase.
 */
export function uspsSummaryTime(summary: string): string | undefined {
  const m = /(\d{1,2}:\d{2}\s*[ap]\.?m\.?)\s+on\s+([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})/i.exec(summary);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  const clock = uspsClock(m[1]);
  if (month === 0 || !clock) return undefined;
  const iso = `${m[4]}-${String(month).padStart(2, '0')}-${m[3]!.padStart(2, '0')}T${clock}`;
  return Number.isNaN(parseInstant(iso)) ? undefined : iso;
}
