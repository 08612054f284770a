import type { ReportOrderRow } from './report-rows.js';

type Doc = Record<string, unknown>;

/** The promise made at purchase: `promisedDelivery`, else the order's ETA while it is still the shop's. */
export function promiseOf(doc: Doc): ReportOrderRow['promise'] {
  const promised = doc.promisedDelivery as Doc | undefined;
  const eta = doc.estimatedDelivery as Doc | undefined;
  // A carrier or model estimate replaces the order's ETA later; only the shop's is the purchase promise.
  const source = promised ?? (eta?.source === 'shop' ? eta : undefined);
  if (!source || (typeof source.date !== 'string' && typeof source.latest !== 'string')) return undefined;
  return {
    ...(typeof source.date === 'string' ? { date: source.date } : {}),
    ...(typeof source.latest === 'string' ? { latest: source.latest } : {}),
  };
}

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
