import { weekdayOf, monthOf } from './calendar-day.js';
import { HISTORY_WINDOW_DAYS, type KeyStats, type LaneHistory } from './lane-history.js';
import { destinationKey, laneKey, type CompletedDelivery, type PurchaseInput } from './purchase-input.js';
import { cepArea } from './cep-geography.js';
import { regionDistanceKm } from './region-coordinates.js';
import { shrunkMean, shrunkStd } from './shrinkage.js';
import type { OrderTiming } from './timing.js';

/**
 * Feature extraction shared by training and serving: one function turns a purchase-time input (+ the lane
 * history as of the purchase moment) into the model's input vector, so the two can never drift apart.
 * Bump the version when the vector's meaning changes; an artifact of another version is refused.
 */
export const FEATURE_SCHEMA_VERSION = 4;

/** Vocabularies; index 0 of each is the unknown bucket (unseen or rare values, empty fields). */
export interface Vocabularies {
  origin: string[];
  destination: string[];
  carrier: string[];
  service: string[];
  category: string[];
}

/** Everything needed to rebuild the vector at serving time; stored in the artifact's metadata. */
export interface FeatureSpec {
  version: number;
  cutoffHour: number;
  historyWindowDays: number;
  vocab: Vocabularies;
  numericNames: string[];
  mean: number[];
  std: number[];
  /** Transit (business days) assumed when a lane, destination and the whole shop have no history yet. */
  fallbackTransit: number;
}

export const UNKNOWN = '<unknown>';

export const NUMERIC_NAMES = [
  'purchase_hour', 'dispatch_delay_days', 'month_sin', 'month_cos', 'holidays_dest_21d', 'holidays_origin_7d',
  'log_items', 'sellers', 'log_weight_kg', 'log_freight', 'log_freight_per_kg', 'postcode_known',
  'postcode_shared_prefix', 'same_region', 'same_country', 'lane_recent_mean', 'lane_recent_log_n',
  'lane_all_mean', 'lane_all_log_n', 'dest_recent_mean', 'dest_all_mean', 'origin_recent_mean',
  'global_recent_mean', 'global_recent_log_n', 'seller_recent_mean', 'seller_all_mean', 'seller_all_log_n',
  'dest_area_recent_mean', 'dest_area_all_log_n', 'seller_handling_recent', 'seller_handling_log_n',
  'origin_handling_recent', 'lane_leg_recent', 'region_distance_log_km', 'region_distance_known',
  // Schema 4: postcode geography (capital / metro / interior), the finer lane (origin region → customer
  // 3-digit postcode area) shrunk toward the state lane, and how spread out transits are on the lane, in the
  // customer's area and from the shipping point (shrunk toward the shop-wide spread).
  'origin_cep_capital', 'origin_cep_metro', 'dest_cep_capital', 'dest_cep_metro', 'cep_area_known',
  'fine_lane_recent', 'fine_lane_all', 'fine_lane_log_n', 'lane_std', 'area_std', 'seller_std',
];

/** The customer's 3-character postcode area. */
const areaOf = (input: PurchaseInput) => (input.destinationPostcode ?? '?').slice(0, 3);
/** The shipping point: the seller's postcode within its region (the shop/warehouse stand-in). */
const shippingPoint = (input: PurchaseInput) => `${input.originCountry}:${input.originRegion ?? '?'}:${input.originPostcode ?? '?'}`;

/** History keys a delivery counts for. */
export function historyKeys(input: PurchaseInput): string[] {
  return [
    `lane:${laneKey(input)}`,
    `dest:${destinationKey(input)}`,
    `origin:${input.originCountry}:${input.originRegion ?? '?'}`,
    'global',
    // The shipping point's postcode stands in for the shop/warehouse (its handling time); the customer's
    // postcode area (first 3 characters) for the last mile.
    `seller:${shippingPoint(input)}`,
    `area:${input.destinationCountry}:${areaOf(input)}`,
    `fine:${input.originCountry}:${input.originRegion ?? '?'}>${input.destinationCountry}:${areaOf(input)}`,
  ];
}

/** Keys under which a delivery's squared transit is counted (the spread features: E[x²] − E[x]²). */
export function squareKeys(input: PurchaseInput): string[] {
  return [`sq:lane:${laneKey(input)}`, `sq:area:${input.destinationCountry}:${areaOf(input)}`, `sq:seller:${shippingPoint(input)}`, 'sq:global'];
}

/**
 * Keys of the two legs of a delivery, counted when each leg ends: the handling time (dispatch day → carrier
 * hand-over, per shipping point, origin and shop-wide) is known at the hand-over, days before the delivery,
 * so it tells how a seller is coping now; the carrier leg (hand-over → delivery) per lane.
 */
export function handlingKeys(input: PurchaseInput): string[] {
  return [`handling:seller:${shippingPoint(input)}`, `handling:origin:${input.originCountry}:${input.originRegion ?? '?'}`, 'handling:global'];
}

export function legKeys(input: PurchaseInput): string[] {
  return [`leg:lane:${laneKey(input)}`];
}

/** Lane history features as of `atMs` (only deliveries completed before it count). */
export interface HistoryFeatures {
  lane: KeyStats;
  destination: KeyStats;
  origin: KeyStats;
  global: KeyStats;
  seller: KeyStats;
  area: KeyStats;
  sellerHandling: KeyStats;
  originHandling: KeyStats;
  globalHandling: KeyStats;
  laneLeg: KeyStats;
  fineLane: KeyStats;
  laneSq: KeyStats;
  areaSq: KeyStats;
  sellerSq: KeyStats;
  globalSq: KeyStats;
}

export function historyFeatures(history: LaneHistory, input: PurchaseInput, atMs: number): HistoryFeatures {
  const [lane, dest, origin, global, seller, area, fine] = historyKeys(input);
  const [laneSq, areaSq, sellerSq, globalSq] = squareKeys(input);
  const [sellerHandling, originHandling, globalHandling] = handlingKeys(input);
  const none: KeyStats = { recentCount: 0, recentMean: Number.NaN, allCount: 0, allMean: Number.NaN };
  return {
    lane: history.stats(lane!, atMs),
    destination: history.stats(dest!, atMs),
    origin: history.stats(origin!, atMs),
    global: history.stats(global!, atMs),
    seller: input.originPostcode ? history.stats(seller!, atMs) : none,
    area: input.destinationPostcode ? history.stats(area!, atMs) : none,
    sellerHandling: input.originPostcode ? history.stats(sellerHandling!, atMs) : none,
    originHandling: history.stats(originHandling!, atMs),
    globalHandling: history.stats(globalHandling!, atMs),
    laneLeg: history.stats(legKeys(input)[0]!, atMs),
    fineLane: input.destinationPostcode ? history.stats(fine!, atMs) : none,
    laneSq: history.stats(laneSq!, atMs),
    areaSq: input.destinationPostcode ? history.stats(areaSq!, atMs) : none,
    sellerSq: input.originPostcode ? history.stats(sellerSq!, atMs) : none,
    globalSq: history.stats(globalSq!, atMs),
  };
}

const clean = (v: string | undefined) => (v ?? '').trim().toLowerCase();
const num = (v: number | undefined, fallback = 0) => (v === undefined || !Number.isFinite(v) ? fallback : v);
const first = (...values: number[]) => values.find((v) => Number.isFinite(v)) ?? Number.NaN;

function sharedPrefix(a: string | undefined, b: string | undefined): number {
  const x = (a ?? '').replace(/\s|-/g, '');
  const y = (b ?? '').replace(/\s|-/g, '');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n += 1;
  return n;
}

/** Raw (unnormalised) numeric features, in {@link NUMERIC_NAMES} order. */
export function rawNumeric(input: PurchaseInput, timing: OrderTiming, h: HistoryFeatures, fallbackTransit: number): number[] {
  const { month } = monthOf(timing.purchaseDay);
  const weightKg = num(input.weightGrams) / 1000;
  const freight = num(input.freightCost);
  const postcodeKnown = input.originPostcode && input.destinationPostcode && input.originCountry === input.destinationCountry;
  const global = first(h.global.recentMean, h.global.allMean, fallbackTransit);
  const dest = first(h.destination.recentMean, h.destination.allMean, global);
  const lane = first(h.lane.recentMean, h.lane.allMean, dest);
  const origin = first(h.origin.recentMean, h.origin.allMean, global);
  // With no hand-over history at all, a fifth of the transit is the handling's share (about Olist's).
  const handlingGlobal = first(h.globalHandling.recentMean, h.globalHandling.allMean, global * 0.2);
  const handlingOrigin = first(h.originHandling.recentMean, h.originHandling.allMean, handlingGlobal);
  const distance = regionDistanceKm(input.originCountry, input.originRegion, input.destinationCountry, input.destinationRegion);
  const originArea = cepArea(input.originCountry, input.originRegion, input.originPostcode);
  const destArea = cepArea(input.destinationCountry, input.destinationRegion, input.destinationPostcode);
  const laneAll = first(h.lane.allMean, dest);
  const globalVariance = h.globalSq.allCount ? Math.max(0, h.globalSq.allMean - h.global.allMean ** 2) : (global * 0.5) ** 2;
  const spread = (s: KeyStats, sq: KeyStats) => shrunkStd(s.allCount, s.allMean, sq.allMean, globalVariance);
  return [
    timing.purchaseHour,
    timing.dispatchDay - timing.purchaseDay,
    Math.sin((2 * Math.PI * month) / 12),
    Math.cos((2 * Math.PI * month) / 12),
    timing.destination.holidaysBetween(timing.dispatchDay, timing.dispatchDay + 21),
    timing.origin.holidaysBetween(timing.purchaseDay, timing.purchaseDay + 7),
    Math.log1p(num(input.itemCount, 1)),
    num(input.sellerCount, 1),
    Math.log1p(weightKg),
    Math.log1p(freight),
    Math.log1p(freight / (weightKg + 0.1)),
    postcodeKnown ? 1 : 0,
    postcodeKnown ? sharedPrefix(input.originPostcode, input.destinationPostcode) : 0,
    input.originRegion && input.originRegion === input.destinationRegion ? 1 : 0,
    input.originCountry === input.destinationCountry ? 1 : 0,
    lane,
    Math.log1p(h.lane.recentCount),
    first(h.lane.allMean, dest),
    Math.log1p(h.lane.allCount),
    dest,
    first(h.destination.allMean, global),
    origin,
    global,
    Math.log1p(h.global.recentCount),
    first(h.seller.recentMean, h.seller.allMean, origin),
    first(h.seller.allMean, origin),
    Math.log1p(h.seller.allCount),
    first(h.area.recentMean, h.area.allMean, dest),
    Math.log1p(h.area.allCount),
    first(h.sellerHandling.recentMean, h.sellerHandling.allMean, handlingOrigin),
    Math.log1p(h.sellerHandling.recentCount),
    handlingOrigin,
    first(h.laneLeg.recentMean, h.laneLeg.allMean, lane - handlingOrigin),
    distance === undefined ? 0 : Math.log1p(distance),
    distance === undefined ? 0 : 1,
    originArea === 0 ? 1 : 0,
    originArea === 1 ? 1 : 0,
    destArea === 0 ? 1 : 0,
    destArea === 1 ? 1 : 0,
    originArea !== undefined && destArea !== undefined ? 1 : 0,
    shrunkMean(h.fineLane.recentCount, h.fineLane.recentMean, lane),
    shrunkMean(h.fineLane.allCount, h.fineLane.allMean, laneAll),
    Math.log1p(h.fineLane.allCount),
    spread(h.lane, h.laneSq),
    spread(h.area, h.areaSq),
    spread(h.seller, h.sellerSq),
  ];
}

function indexIn(vocab: string[], value: string | undefined): number {
  const i = vocab.indexOf(clean(value));
  return i < 0 ? 0 : i;
}

/** Category indices (0 = unknown) in vocabulary order. */
export function categoricalIndices(spec: FeatureSpec, input: PurchaseInput): number[] {
  const v = spec.vocab;
  return [
    indexIn(v.origin, input.originRegion && `${input.originCountry}:${input.originRegion}`),
    indexIn(v.destination, input.destinationRegion && `${input.destinationCountry}:${input.destinationRegion}`),
    indexIn(v.carrier, input.carrier),
    indexIn(v.service, input.serviceLevel),
    indexIn(v.category, input.category),
  ];
}

const VOCAB_ORDER = ['origin', 'destination', 'carrier', 'service', 'category'] as const;

/** Width of the model's input vector. */
export function featureWidth(spec: FeatureSpec): number {
  return spec.numericNames.length + 7 + VOCAB_ORDER.reduce((n, k) => n + spec.vocab[k].length, 0);
}

/** The model input: normalised numerics, purchase weekday one-hot, then one-hot categories. */
export function encode(spec: FeatureSpec, input: PurchaseInput, timing: OrderTiming, h: HistoryFeatures, out?: Float32Array): Float32Array {
  const vec = out ?? new Float32Array(featureWidth(spec));
  vec.fill(0);
  const raw = rawNumeric(input, timing, h, spec.fallbackTransit);
  for (let i = 0; i < raw.length; i += 1) vec[i] = (raw[i]! - spec.mean[i]!) / spec.std[i]!;
  let offset = raw.length;
  vec[offset + weekdayOf(timing.purchaseDay)] = 1;
  offset += 7;
  const cats = categoricalIndices(spec, input);
  VOCAB_ORDER.forEach((k, i) => {
    vec[offset + cats[i]!] = 1;
    offset += spec.vocab[k].length;
  });
  return vec;
}

function vocabulary(values: (string | undefined)[], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const v of values) {
    const c = clean(v);
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const kept = [...counts].filter(([, n]) => n >= minCount).map(([k]) => k).sort();
  return [UNKNOWN, ...kept];
}

/** Vocabularies from training rows; values seen fewer than `minCount` times fall into the unknown bucket. */
export function fitVocabularies(rows: CompletedDelivery[], minCount = 20): Vocabularies {
  const inputs = rows.map((r) => r.input);
  return {
    origin: vocabulary(inputs.map((i) => i.originRegion && `${i.originCountry}:${i.originRegion}`), minCount),
    destination: vocabulary(inputs.map((i) => i.destinationRegion && `${i.destinationCountry}:${i.destinationRegion}`), minCount),
    carrier: vocabulary(inputs.map((i) => i.carrier), minCount),
    service: vocabulary(inputs.map((i) => i.serviceLevel), minCount),
    category: vocabulary(inputs.map((i) => i.category), minCount),
  };
}

/** Mean and standard deviation per numeric column (std 1 where a column is constant). */
export function fitNormalisation(raw: number[][]): { mean: number[]; std: number[] } {
  const width = NUMERIC_NAMES.length;
  const mean = new Array<number>(width).fill(0);
  const sq = new Array<number>(width).fill(0);
  for (const r of raw) for (let i = 0; i < width; i += 1) mean[i]! += r[i]! / raw.length;
  for (const r of raw) for (let i = 0; i < width; i += 1) sq[i]! += (r[i]! - mean[i]!) ** 2 / raw.length;
  return { mean, std: sq.map((s) => (s > 1e-12 ? Math.sqrt(s) : 1)) };
}

export { HISTORY_WINDOW_DAYS };
