import type { Connection } from 'mongoose';
import { insertCombined } from '../insert-combiner.js';
import { definedFields } from '../defined-fields.js';
import { modelFor } from '../model.js';
import { toPlain } from '../to-plain.js';
import type { EtaInputRecord } from '../orders/order-record.js';
import { etaOutcomeSchema } from './schema.js';

/** Dates of an estimate (`YYYY-MM-DD`, customer's calendar); `promise` is the "arrives by" day. */
export interface EtaOutcomeDates {
  date: string;
  earliest?: string;
  latest?: string;
  promise?: string;
}

/** A delivered order's estimate against the actual day. */
export interface EtaOutcomeRecord {
  orderCode: string;
  carrierId: string;
  lane: string;
  atPurchase: EtaOutcomeDates;
  last: EtaOutcomeDates;
  actualDate: string;
  source?: string;
  modelVersion?: string;
  placedAt: string;
  handedOverAt?: string;
  deliveredAt: string;
  input: EtaInputRecord;
}

/** The fields of an outcome the serving lane history needs. */
export type RecentDelivery = Pick<EtaOutcomeRecord, 'orderCode' | 'input' | 'deliveredAt' | 'handedOverAt'>;

/** Accuracy of one group (carrier or lane): days are calendar days on the customer's calendar. */
export interface EtaAccuracy {
  key: string;
  n: number;
  /** The purchase-time promise: mean absolute error (days) and the share delivered after it. */
  promise: { maeDays: number; lateRate: number };
  /** Most likely day at purchase and at the last revision: mean absolute error (days). */
  likely: { maeDays: number; lastMaeDays: number };
  /** Share of deliveries inside the purchase-time 10th–90th range (of those that had one). */
  rangeCoverage: number | null;
}

const DAY = 86_400_000;
const dayDiff = (a: string, b: string) => Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / DAY);
const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);
const round = (x: number) => Math.round(x * 1000) / 1000;

/** Scores outcomes in one group. */
export function scoreOutcomes(key: string, rows: Pick<EtaOutcomeRecord, 'atPurchase' | 'last' | 'actualDate'>[]): EtaAccuracy {
  const promised = rows.filter((r) => r.atPurchase.promise);
  const ranged = rows.filter((r) => r.atPurchase.earliest && r.atPurchase.latest);
  return {
    key,
    n: rows.length,
    promise: {
      maeDays: round(mean(promised.map((r) => Math.abs(dayDiff(r.actualDate, r.atPurchase.promise!))))),
      lateRate: round(mean(promised.map((r) => (r.actualDate > r.atPurchase.promise! ? 1 : 0)))),
    },
    likely: {
      maeDays: round(mean(rows.map((r) => Math.abs(dayDiff(r.actualDate, r.atPurchase.date))))),
      lastMaeDays: round(mean(rows.map((r) => Math.abs(dayDiff(r.actualDate, r.last.date))))),
    },
    rangeCoverage: ranged.length === 0 ? null : round(mean(ranged.map((r) => (r.actualDate >= r.atPurchase.earliest! && r.actualDate <= r.atPurchase.latest! ? 1 : 0)))),
  };
}

export function createEtaOutcomeRepository(connection: Connection) {
  const Outcomes = modelFor(connection, 'EtaOutcome', etaOutcomeSchema);
  const all = async (filter: Record<string, unknown> = {}) =>
    (await Outcomes.find(filter).sort({ deliveredAt: 1 }).lean()).map((d) => toPlain<EtaOutcomeRecord>(d)!);
  return {
    /** Records a delivery once; true when this call stored it (a retried activity gets false). */
    async record(outcome: EtaOutcomeRecord, at: Date): Promise<boolean> {
      const doc = definedFields({ ...outcome, atPurchase: definedFields(outcome.atPurchase), last: definedFields(outcome.last), recordedAt: at });
      const duplicates = await insertCombined(connection, Outcomes.collection, [doc]);
      return duplicates.size === 0;
    },

    findByOrder: async (orderCode: string) => toPlain<EtaOutcomeRecord>(await Outcomes.findOne({ orderCode }).lean()),

    /**
     * Accuracy per carrier or per lane, largest groups first. Grouped here rather than by an aggregation
     * pipeline: the embedded FerretDB's support for `$group` expressions is partial, and one shop's
     * delivered orders fit in memory.
     */
    async accuracyBy(by: 'carrier' | 'lane', options: { since?: string } = {}): Promise<EtaAccuracy[]> {
      const rows = await all(options.since ? { deliveredAt: { $gte: options.since } } : {});
      const groups = new Map<string, EtaOutcomeRecord[]>();
      for (const r of rows) {
        const key = by === 'carrier' ? r.carrierId : r.lane;
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      return [...groups].map(([key, rs]) => scoreOutcomes(key, rs)).sort((a, b) => b.n - a.n);
    },

    /**
     * The newest deliveries (at most `limit`, newest first) delivered after `deliveredAfter` and, for a
     * refresh, recorded since `recordedSince`: what a serving process feeds its lane history. One indexed
     * query (recordedAt for a refresh, deliveredAt at start) returning only the fields the features need.
     */
    async recentDeliveries(q: { deliveredAfter: string; recordedSince?: Date; limit: number }): Promise<RecentDelivery[]> {
      const filter: Record<string, unknown> = { deliveredAt: { $gt: q.deliveredAfter }, synthetic: { $ne: true } };
      if (q.recordedSince) filter.recordedAt = { $gte: q.recordedSince };
      const docs = await Outcomes.find(filter, { _id: 0, orderCode: 1, input: 1, deliveredAt: 1, handedOverAt: 1 }).sort({ deliveredAt: -1 }).limit(q.limit).lean();
      return docs.map((d) => toPlain<RecentDelivery>(d)!);
    },

    /** Run `listener` once the connection closes (a process's periodic reader stops then). */
    onConnectionClose(listener: () => void): void {
      connection.once('close', listener);
    },

    /** Every real delivered order (synthetic demo outcomes left out), oldest delivery first: the rows `train:eta --from-db` trains on. */
    listDelivered: () => all({ synthetic: { $ne: true } }),
  };
}

export type EtaOutcomeRepository = ReturnType<typeof createEtaOutcomeRepository>;
