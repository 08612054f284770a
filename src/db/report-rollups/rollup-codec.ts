import { packHistogram, parseLegacyHistogram, unpackHistogram } from './histogram-codec.js';
import type { Histogram } from './histogram.js';
import { emptyTotals, TOTAL_COUNTS, type RollupTotals } from './rollup-totals.js';

/**
 * Totals as a stored document and back (the rows keep it as one JSON string: FerretDB 1.x's read cost is
 * per decoded value). Counts are numbers; each histogram is one packed string (histogram-codec.ts), marked
 * by `v: 2`. Rows written before the packed form (no `v`, histograms as `key:count,…` in base 36) still
 * decode. A row is written in the packed form only when its bucket gets a new contribution (or its span a
 * newer derivation): rows nothing touches again stay in the first form, correct but slower to read, until
 * the rollup is rebuilt (docs/reports.md: drop report_daily and report_periods, run report:backfill).
 * Any other `v` is a form a newer release wrote: refused (RollupVersionError), never guessed at, so a
 * process left on this release during a rolling deploy neither shows nor derives figures from it.
 */
const HISTOGRAMS = ['placedToDeliveredMin', 'handoffToDeliveredMin', 'openDeadlines'] as const;
/** The stored form's version: 2 = packed histograms. */
const PACKED = 2;

/** A rollup row in a stored form this release cannot read: written by a newer release. */
export class RollupVersionError extends Error {
  constructor(readonly version: unknown) {
    super(`Report rollup row in stored form v${String(version)}: this release reads the first form and v${PACKED} only (a newer release wrote it).`);
    this.name = 'RollupVersionError';
  }
}

/** The stored fields of totals (counts as numbers, histograms packed, notifications as `key=count,…`; zeros and empties left out). */
export function encodeTotals(t: RollupTotals): Record<string, number | string> {
  const doc: Record<string, number | string> = { v: PACKED };
  for (const key of TOTAL_COUNTS) if (t[key]) doc[key] = t[key];
  for (const key of HISTOGRAMS) if (t[key].keys.length) doc[key] = packHistogram(t[key]);
  if (t.notifications.size) doc.notifications = [...t.notifications].map(([k, v]) => `${k}=${v}`).join(',');
  return doc;
}

/** Totals from their stored fields, packed (`v: 2`) or in the first form; throws RollupVersionError on any other `v`. */
export function decodeTotals(doc: Record<string, unknown>): RollupTotals {
  if (doc.v !== undefined && doc.v !== PACKED) throw new RollupVersionError(doc.v);
  const t = emptyTotals();
  for (const key of TOTAL_COUNTS) if (typeof doc[key] === 'number') t[key] = doc[key];
  const histogram: (text: string) => Histogram = doc.v === PACKED ? unpackHistogram : parseLegacyHistogram;
  for (const key of HISTOGRAMS) {
    const text = doc[key];
    if (typeof text === 'string' && text) t[key] = histogram(text);
  }
  if (typeof doc.notifications === 'string' && doc.notifications) {
    for (const pair of doc.notifications.split(',')) {
      const at = pair.lastIndexOf('=');
      t.notifications.set(pair.slice(0, at), Number(pair.slice(at + 1)));
    }
  }
  return t;
}
