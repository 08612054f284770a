import { carrierKey, laneKey, type PurchaseInput } from './purchase-input.js';
import { quantilesOf } from './quantiles.js';

/**
 * Per-lane statistical baseline: the empirical quantiles of transit (business days) on the lane, shrunk toward
 * the carrier + service level's quantiles, which are shrunk toward the global ones. A lane with n deliveries
 * weighs n / (n + k) against its parent, so a lane seen three times says little and a busy lane speaks for itself.
 */
export interface BaselineTable {
  /** Pseudo-count of the shrinkage. */
  k: number;
  global: number[];
  carriers: Record<string, { n: number; q: number[] }>;
  lanes: Record<string, { n: number; q: number[] }>;
}

/** One labelled sample: the purchase-time input and its transit in business days. */
export interface TransitSample {
  input: PurchaseInput;
  transit: number;
}

const laneOf = (input: PurchaseInput) => `${laneKey(input)}|${carrierKey(input)}`;

function blend(n: number, own: number[], parent: number[], k: number): number[] {
  const w = n / (n + k);
  return own.map((q, i) => w * q + (1 - w) * parent[i]!);
}

function groupQuantiles(samples: TransitSample[], keyOf: (i: PurchaseInput) => string): Map<string, { n: number; q: number[] }> {
  const groups = new Map<string, number[]>();
  for (const s of samples) {
    const key = keyOf(s.input);
    const list = groups.get(key);
    if (list) list.push(s.transit);
    else groups.set(key, [s.transit]);
  }
  return new Map([...groups].map(([key, values]) => [key, { n: values.length, q: quantilesOf(values) }]));
}

/** Fit the baseline on labelled samples (throws on an empty set: there is nothing to say). */
export function fitBaseline(samples: TransitSample[], k = 20): BaselineTable {
  if (samples.length === 0) throw new Error('cannot fit a baseline on no deliveries');
  const global = quantilesOf(samples.map((s) => s.transit));
  const carriers: BaselineTable['carriers'] = {};
  for (const [key, g] of groupQuantiles(samples, carrierKey)) carriers[key] = { n: g.n, q: blend(g.n, g.q, global, k) };
  const lanes: BaselineTable['lanes'] = {};
  for (const [key, g] of groupQuantiles(samples, laneOf)) {
    const parent = carriers[key.slice(key.indexOf('|') + 1)]?.q ?? global;
    lanes[key] = { n: g.n, q: blend(g.n, g.q, parent, k) };
  }
  return { k, global, carriers, lanes };
}

/** Quantiles (business days) the baseline gives an order: its lane's, else its carrier's, else the global ones. */
export function baselineQuantiles(table: BaselineTable, input: PurchaseInput): number[] {
  return table.lanes[laneOf(input)]?.q ?? table.carriers[carrierKey(input)]?.q ?? table.global;
}
