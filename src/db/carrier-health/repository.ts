import type { Connection } from 'mongoose';
import { reachesOutage, type CarrierHealthState, type OutagePolicy } from '../../domain/carrier-health.js';
import { modelFor } from '../model.js';
import { toPlain } from '../to-plain.js';
import { carrierHealthSchema } from './schema.js';

/** One carrier's health as stored (ISO strings). */
export interface CarrierHealthRecord {
  carrierId: string;
  state: CarrierHealthState;
  since: string;
  consecutiveFailures: number;
  failingShipments?: string[];
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastError?: string;
  circuitOpenAt?: string;
  /** The current outage's start (state `outage`/`recovering`), or the last one's. */
  outageSince?: string;
  lastOutage?: { since: string; endedAt: string };
}

/** A failed look-up attempt of one shipment. */
export interface FailedLookUp {
  carrierId: string;
  orderCode: string;
  error: string;
  at: Date;
  /** The client's circuit breaker refused the call (it had opened after repeated failures). */
  circuitOpen?: boolean;
}

/** What recording an outcome changed, for the caller to act on (alert, catch-up). */
export interface HealthChange {
  record: CarrierHealthRecord;
  /** This call opened an outage (only one caller across workers gets it). */
  outageStarted?: { since: string };
  /** This call ended an outage: the carrier answers again (only one caller gets it). */
  outageEnded?: { since: string; endedAt: string };
}

export function createCarrierHealthRepository(connection: Connection) {
  const Health = modelFor(connection, 'CarrierHealth', carrierHealthSchema);
  const plain = (doc: unknown) => toPlain<CarrierHealthRecord>(doc)!;

  return {
    async get(carrierId: string): Promise<CarrierHealthRecord | null> {
      return toPlain<CarrierHealthRecord>(await Health.findOne({ carrierId }).lean());
    },

    async list(): Promise<CarrierHealthRecord[]> {
      return (await Health.find({}).sort({ carrierId: 1 }).lean()).map(plain);
    },

    /** Counts a failed look-up; opens an outage when the policy says so and no other worker did first. */
    async recordFailure(input: FailedLookUp, policy: OutagePolicy): Promise<HealthChange> {
      let doc = await Health.findOneAndUpdate(
        { carrierId: input.carrierId },
        {
          $setOnInsert: { state: 'healthy', since: input.at },
          $inc: { consecutiveFailures: 1 },
          $set: { lastFailureAt: input.at, lastError: input.error, ...(input.circuitOpen ? { circuitOpenAt: input.at } : {}) },
        },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      const shipments = doc?.failingShipments ?? [];
      // Only as many shipments as the policy needs: during a long outage the list would hold every open one.
      if (doc && shipments.length < policy.minShipments && !shipments.includes(input.orderCode)) {
        doc = (await Health.findOneAndUpdate({ carrierId: input.carrierId }, { $addToSet: { failingShipments: input.orderCode } }, { returnDocument: 'after' }).lean()) ?? doc;
      }
      const record = plain(doc);
      const counts = { consecutiveFailures: record.consecutiveFailures, failingShipments: record.failingShipments?.length ?? 0 };
      if (record.state === 'outage' || !reachesOutage(counts, policy)) return { record };
      const opened = await Health.findOneAndUpdate(
        { carrierId: input.carrierId, state: { $in: ['healthy', 'recovering'] } },
        { $set: { state: 'outage', since: input.at, outageSince: input.at } },
        { returnDocument: 'after' },
      ).lean();
      if (!opened) return { record: plain(await Health.findOne({ carrierId: input.carrierId }).lean()) };
      return { record: plain(opened), outageStarted: { since: input.at.toISOString() } };
    },

    /** A look-up answered: clears the failure counts; ends an outage (the carrier then `recovering`). */
    async recordSuccess(carrierId: string, at: Date): Promise<HealthChange> {
      const before = await Health.findOneAndUpdate(
        { carrierId },
        { $setOnInsert: { state: 'healthy', since: at }, $set: { consecutiveFailures: 0, failingShipments: [], lastSuccessAt: at }, $unset: { circuitOpenAt: 1 } },
        { upsert: true, returnDocument: 'before' },
      ).lean();
      if (before?.state !== 'outage' || !before.outageSince) {
        return { record: plain(await Health.findOne({ carrierId }).lean()) };
      }
      const ended = await Health.findOneAndUpdate(
        { carrierId, state: 'outage', outageSince: before.outageSince },
        { $set: { state: 'recovering', since: at, lastOutage: { since: before.outageSince, endedAt: at } } },
        { returnDocument: 'after' },
      ).lean();
      if (!ended) return { record: plain(await Health.findOne({ carrierId }).lean()) };
      return { record: plain(ended), outageEnded: { since: before.outageSince.toISOString(), endedAt: at.toISOString() } };
    },

    /** The catch-up after outage `outageSince` is done: healthy again, unless a new outage began meanwhile. */
    async finishRecovery(carrierId: string, outageSince: string, at: Date): Promise<boolean> {
      const res = await Health.updateOne({ carrierId, state: 'recovering', outageSince: new Date(outageSince) }, { $set: { state: 'healthy', since: at } });
      return res.modifiedCount > 0;
    },
  };
}

export type CarrierHealthRepository = ReturnType<typeof createCarrierHealthRepository>;
