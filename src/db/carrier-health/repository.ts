import type { Connection } from 'mongoose';
import { reachesOutage, type CarrierHealthState, type OutagePolicy } from '../../domain/carrier-health.js';
import { modelFor } from '../model.js';
import { toPlain } from '../to-plain.js';
import { isDuplicateKeyError } from '../connection.js';
import { carrierHealthClaimSchema } from './claim-schema.js';
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
  const Claims = modelFor(connection, 'CarrierHealthClaim', carrierHealthClaimSchema);
  const plain = (doc: unknown) => toPlain<CarrierHealthRecord>(doc)!;
  const current = async (carrierId: string) => plain(await Health.findOne({ carrierId }).lean());

  /** Claims a transition: whether this caller won, and the time it is applied with (the winner's). */
  async function claim(key: string, at: Date): Promise<{ won: boolean; at: Date }> {
    try {
      await Claims.create({ key, at });
      return { won: true, at };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const existing = await Claims.findOne({ key }).lean();
      return { won: false, at: existing?.at ?? at };
    }
  }

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
      const number = (doc?.outages ?? 0) + 1;
      const opened = await claim(`open:${input.carrierId}:${number}`, input.at);
      // Every claimant applies the claimed values: a winner that crashed after its claim is covered.
      await Health.updateOne({ carrierId: input.carrierId, $or: [{ outages: { $lt: number } }, { outages: { $exists: false } }] }, { $set: { state: 'outage', since: opened.at, outageSince: opened.at, outages: number } });
      return { record: await current(input.carrierId), ...(opened.won ? { outageStarted: { since: opened.at.toISOString() } } : {}) };
    },

    /** A look-up answered: clears the failure counts; ends an outage (the carrier then `recovering`). */
    async recordSuccess(carrierId: string, at: Date): Promise<HealthChange> {
      // The update's fields, built once: the update writes them, and the common case below applies them to
      // the document read before it. `circuitOpenAt` is unset: undefined in the record (plain() drops it).
      const onInsert = { state: 'healthy' as const, since: at };
      const set = { consecutiveFailures: 0, failingShipments: [] as string[], lastSuccessAt: at };
      const before = await Health.findOneAndUpdate({ carrierId }, { $setOnInsert: onInsert, $set: set, $unset: { circuitOpenAt: 1 } }, { upsert: true, returnDocument: 'before' }).lean();
      if (before?.state !== 'outage' || !before.outageSince) {
        // The common case (a poll answered, no outage): the state after the update follows from the one
        // before it, without a second read on every poll.
        return { record: plain({ ...(before ?? { carrierId, ...onInsert }), ...set, circuitOpenAt: undefined }) };
      }
      const number = before.outages ?? 0;
      const ended = await claim(`end:${carrierId}:${number}`, at);
      const lastOutage = { since: before.outageSince, endedAt: ended.at };
      await Health.updateOne({ carrierId, state: 'outage', outages: number }, { $set: { state: 'recovering', since: ended.at, lastOutage } });
      const record = await current(carrierId);
      return { record, ...(ended.won ? { outageEnded: { since: before.outageSince.toISOString(), endedAt: ended.at.toISOString() } } : {}) };
    },

    /** The catch-up after outage `outageSince` is done: healthy again, unless a new outage began meanwhile. */
    async finishRecovery(carrierId: string, outageSince: string, at: Date): Promise<boolean> {
      const res = await Health.updateOne({ carrierId, state: 'recovering', outageSince: new Date(outageSince) }, { $set: { state: 'healthy', since: at } });
      return res.modifiedCount > 0;
    },
  };
}

export type CarrierHealthRepository = ReturnType<typeof createCarrierHealthRepository>;
