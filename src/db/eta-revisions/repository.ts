import type { Connection } from 'mongoose';
import { insertCombined } from '../insert-combiner.js';
import { definedFields } from '../defined-fields.js';
import { modelFor } from '../model.js';
import { toPlain } from '../to-plain.js';
import { etaRevisionSchema } from './schema.js';

/** The dates of an estimate before or after a revision (`YYYY-MM-DD`, customer's calendar). */
export interface EtaRevisionDates {
  date: string;
  earliest?: string;
  latest?: string;
  arrivesBy?: string;
}

/** One revision that moved the estimated date, and why. */
export interface EtaRevisionRecord {
  orderCode: string;
  revision: number;
  stage: string;
  reasonCode: string;
  reason: string;
  at: string;
  from: EtaRevisionDates;
  to: EtaRevisionDates;
  carrierDate?: string;
  source?: string;
  modelVersion?: string;
  recordedAt: string;
}

export function createEtaRevisionRepository(connection: Connection) {
  const Revisions = modelFor(connection, 'EtaRevision', etaRevisionSchema);
  return {
    /** Records a revision once (a retried activity writes the same order code and revision again: ignored). */
    async record(entry: EtaRevisionRecord): Promise<void> {
      const doc = definedFields({ ...entry, from: definedFields(entry.from), to: definedFields(entry.to), recordedAt: new Date(entry.recordedAt) });
      await insertCombined(connection, Revisions.collection, [doc]);
    },

    /** An order's date changes, oldest first. */
    async listForOrder(orderCode: string): Promise<EtaRevisionRecord[]> {
      const docs = await Revisions.find({ orderCode }).sort({ revision: 1 }).lean();
      return docs.map((d) => toPlain<EtaRevisionRecord>(d)!);
    },
  };
}

export type EtaRevisionRepository = ReturnType<typeof createEtaRevisionRepository>;
