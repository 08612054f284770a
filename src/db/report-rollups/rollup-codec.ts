import { emptyTotals, type RollupTotals } from './rollup-totals.js';

/**
 * Totals as a stored document and back. The histograms are strings (`key:count,…`, base 36) rather than
 * arrays or sub-documents: a report reads a few thousand of these rows, and one string field costs the
 * wire server one value to decode where an array costs one per element.
 */
const COUNTS = ['orders', 'inFlight', 'delivered', 'placedToDeliveredMs', 'handoffs', 'handoffToDeliveredMs', 'deliveredWithPromise', 'onTime', 'deliveredLate', 'exceptions', 'returns', 'ratingSum', 'ratings'] as const;

function encodeNumbers(m: Map<number, number>): string {
  return [...m].map(([k, v]) => `${k.toString(36)}:${v.toString(36)}`).join(',');
}

function decodeNumbers(text: unknown): Map<number, number> {
  const m = new Map<number, number>();
  if (typeof text !== 'string' || !text) return m;
  for (const pair of text.split(',')) {
    const at = pair.indexOf(':');
    const key = parseInt(pair.slice(0, at), 36);
    m.set(key, (m.get(key) ?? 0) + parseInt(pair.slice(at + 1), 36));
  }
  return m;
}

/** The stored fields of totals (counts as numbers, maps as strings; empty maps left out). */
export function encodeTotals(t: RollupTotals): Record<string, number | string> {
  const doc: Record<string, number | string> = {};
  for (const key of COUNTS) if (t[key]) doc[key] = t[key];
  if (t.placedToDeliveredMin.size) doc.placedToDeliveredMin = encodeNumbers(t.placedToDeliveredMin);
  if (t.handoffToDeliveredMin.size) doc.handoffToDeliveredMin = encodeNumbers(t.handoffToDeliveredMin);
  if (t.openDeadlines.size) doc.openDeadlines = encodeNumbers(t.openDeadlines);
  if (t.notifications.size) doc.notifications = [...t.notifications].map(([k, v]) => `${k}=${v}`).join(',');
  return doc;
}

export function decodeTotals(doc: Record<string, unknown>): RollupTotals {
  const t = emptyTotals();
  for (const key of COUNTS) if (typeof doc[key] === 'number') t[key] = doc[key];
  t.placedToDeliveredMin = decodeNumbers(doc.placedToDeliveredMin);
  t.handoffToDeliveredMin = decodeNumbers(doc.handoffToDeliveredMin);
  t.openDeadlines = decodeNumbers(doc.openDeadlines);
  if (typeof doc.notifications === 'string' && doc.notifications) {
    for (const pair of doc.notifications.split(',')) {
      const at = pair.lastIndexOf('=');
      t.notifications.set(pair.slice(0, at), Number(pair.slice(at + 1)));
    }
  }
  return t;
}
