/**
 * Calendar days as integers (days since 1970-01-01) so date arithmetic is exact and cheap; a day is a
 * date on somebody's wall calendar, never an instant, so it cannot slip to "the day before" in another zone.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;

/** `2024-03-04` → day number. Throws on anything that is not a calendar date. */
export function dayFromIso(iso: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`not a calendar date: "${iso}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

/** Day number → `YYYY-MM-DD`. */
export function isoFromDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Month 1–12 and year of a day. */
export function monthOf(day: Day): { year: number; month: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}
