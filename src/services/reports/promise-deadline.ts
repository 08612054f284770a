import type { ReportOrderRow } from '../../db/reports/report-rows.js';

const DAY_MS = 86_400_000;

/**
 * The instant a promise expires (exclusive), or undefined when there is none or it cannot be read.
 * `latest` (the end of the promised window) wins over `date`; a calendar date (`YYYY-MM-DD`) is kept
 * until the end of that day, UTC.
 */
export function promiseDeadline(promise: ReportOrderRow['promise']): number | undefined {
  const value = promise?.latest ?? promise?.date;
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(start) ? undefined : start + DAY_MS;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}
