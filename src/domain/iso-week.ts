import { formatInstant } from './instant.js';

const MS_PER_DAY = 86_400_000;

/** Midnight UTC (epoch ms) of the Monday that starts the ISO week holding instant `t`. */
export function isoWeekStart(t: number): number {
  const day = Math.floor(t / MS_PER_DAY);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  return (day - ((((day + 3) % 7) + 7) % 7)) * MS_PER_DAY;
}

/** The Monday (UTC) of the ISO week holding instant `t`, `YYYY-MM-DD`: how reports name a week. */
export function isoWeekKey(t: number): string {
  return formatInstant(isoWeekStart(t)).slice(0, 10);
}
