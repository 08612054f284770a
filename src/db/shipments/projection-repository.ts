import type { Connection } from 'mongoose';
import type { ProjectionInput } from './projection-input.js';
import type { EstimatedDelivery, OrderEtaState, OrderRecord } from '../orders/order-record.js';
import { parseInstant } from '../../domain/instant.js';
import { eventKey } from '../../domain/event-key.js';
import { isDuplicateKeyError } from '../connection.js';
import { insertCombined } from '../insert-combiner.js';
import { definedFields } from '../defined-fields.js';
import { modelFor } from '../model.js';
import { storeSafe } from '../store-safe-text.js';
import { toPlain } from '../to-plain.js';
import { createOrderRepository } from '../orders/repository.js';
import { createTrackingViewRepository } from '../tracking-views/repository.js';
import { statusChangeSchema } from '../status-changes/schema.js';
import { trackingEventSchema } from '../tracking-events/schema.js';
import { shipmentSchema } from './schema.js';
import { createRollupFeed } from '../report-rollups/rollup-feed.js';

const toDate = (iso: string | undefined | null) => (iso ? new Date(parseInstant(iso)) : undefined);

/**
 * Writes a workflow projection into the read model. Idempotent and order-safe: events and audit entries
 * are keyed (duplicates ignored), and order/shipment documents only take a newer revision.
 */
export function createProjectionRepository(connection: Connection) {
  const Shipments = modelFor(connection, 'Shipment', shipmentSchema);
  const Events = modelFor(connection, 'TrackingEvent', trackingEventSchema);
  const Changes = modelFor(connection, 'StatusChange', statusChangeSchema);
  const orders = createOrderRepository(connection);
  const views = createTrackingViewRepository(connection);
  const rollupFeed = createRollupFeed(connection);

  return {
    /**
     * Two rounds of writes side by side: the timeline and the audit entry first, then the shipment, the
     * order and its tracking view, so the status a customer sees never runs ahead of the events behind it. Every write is
     * idempotent on its own, so their order within a round does not matter (and a retry redoes them all).
     * The writes go to the driver's collections with documents built here to the schemas (defaults and
     * timestamps included; test/integration/projection-repository.test.ts validates them against the
     * schemas): every accepted carrier event runs this, and mongoose's casting, validation and document
     * building cost about as much CPU in the worker as the rest of the write.
     *
     * `estimate`: the order's revised ETA to write instead of the carrier's own date, or `keep` to leave the
     * stored one (activities/eta.ts decides); absent, the carrier's date is written as before (orders placed
     * before the ETA was wired). `order`: the order as the ETA revision read it (before this write), which
     * gives the report rollup the order's bucket without a read of its own.
     *
     * `applied`: the shipment took this revision; `orderApplied`: the order did (false for a replay); with
     * `returnOrder`, `written` is the order as that write left it (the revision's messages are decided from it).
     */
    async apply(input: ProjectionInput, recordedAt: Date, estimate?: EstimatedDelivery | 'keep', order?: OrderEtaState | null, returnOrder = false): Promise<{ applied: boolean; orderApplied: boolean; written?: OrderRecord }> {
      // Carrier text reaches here from polls as well as webhooks: a U+0000 would have the store refuse the
      // write, and the workflow retry it forever (see store-safe-text.ts).
      const p = storeSafe(input);
      const receivedAt = p.change ? new Date(p.change.receivedAt) : recordedAt;
      const timeline = insertCombined(
        connection,
        Events.collection,
        p.newEvents.map((e) => {
          const location = e.location ? definedFields(e.location) : undefined;
          return definedFields({
            orderCode: p.orderCode,
            key: eventKey(e),
            status: e.status,
            subStatus: e.subStatus,
            occurredAt: e.occurredAt,
            occurredAtUtc: new Date(parseInstant(e.occurredAt)),
            description: e.description ?? '',
            location: location && Object.keys(location).length > 0 ? location : undefined,
            carrierCode: e.carrierCode,
            carrierEventId: e.carrierEventId,
            source: p.eventSource,
            receivedAt,
          });
        }),
      );
      const audit = p.change
        ? insertCombined(connection, Changes.collection, [
            definedFields({
              orderCode: p.orderCode,
              revision: p.revision,
              from: p.change.from,
              to: p.change.to,
              source: p.change.source,
              carrierEventIds: p.change.carrierEventIds,
              receivedAt,
              inboxId: p.change.inboxId,
              recordedAt,
            }),
          ])
        : undefined;
      await Promise.all([timeline, audit]);

      const carrierEta: EstimatedDelivery | undefined = p.carrierEta
        ? definedFields({ date: p.carrierEta.date.slice(0, 10), earliest: p.carrierEta.windowStart, latest: p.carrierEta.windowEnd, source: 'carrier' as const })
        : undefined;
      const eta = estimate === 'keep' ? undefined : estimate ? definedFields(estimate) : carrierEta;
      const now = new Date();
      const shipmentSet = definedFields({
        carrierId: p.carrierId,
        trackingNumber: p.trackingNumber,
        status: p.status,
        subStatus: p.subStatus ?? null,
        milestone: p.milestone,
        milestoneAt: definedFields(p.milestoneAt),
        estimatedDelivery: eta ? { ...eta, updatedAt: recordedAt } : undefined,
        lastEventAt: toDate(p.lastEventAt),
        lastProgressAt: toDate(p.lastProgressAt),
        deliveredAt: toDate(p.deliveredAt),
        cancelledAt: toDate(p.cancelledAt),
        stalledSince: toDate(p.stalledSince) ?? null,
        revision: p.revision,
        updatedAt: now,
      });
      const shipment = Shipments.collection
        .updateOne(
          { orderCode: p.orderCode, revision: { $lt: p.revision } },
          // What the schema gives a new shipment besides: its creation time and no failed polls yet.
          { $set: shipmentSet, $setOnInsert: { createdAt: now, pollFailures: 0 } },
          { upsert: true },
        )
        .then(
          () => true,
          (err: unknown) => {
            // The upsert found a newer revision (filter missed, insert hit the unique order code): stale, skip.
            if (!isDuplicateKeyError(err)) throw err;
            return false;
          },
        );
      const orderWrite = orders.applyProjection(p.orderCode, {
        revision: p.revision,
        status: p.status,
        subStatus: p.subStatus ?? null,
        milestone: p.milestone,
        ...(p.trackingNumber ? { trackingNumber: p.trackingNumber } : {}),
        ...(eta ? { estimatedDelivery: eta } : {}),
        lastEventAt: p.lastEventAt ?? null,
        deliveredAt: p.deliveredAt ?? null,
        cancelledAt: p.cancelledAt ?? null,
      }, recordedAt, returnOrder);
      // The order's tracking-view document beside them (each guarded by the revision, so their order does not
      // matter); a missing one is built from the rows once they are written. The view's write stamp is what
      // live pages and view caches hear of the revision by, so they read the view at it or later.
      const [applied, orderWritten, viewFound] = await Promise.all([shipment, orderWrite, views.projected(p, eta, recordedAt)]);
      if (!viewFound) await views.rebuild(p.orderCode);
      // The report rollup: the order's state at this revision, an exception or return (idempotent per key).
      await rollupFeed.projected(p, order ?? undefined);
      return { applied, orderApplied: orderWritten.applied, ...(orderWritten.order ? { written: orderWritten.order } : {}) };
    },

    /** Counts a failed poll on the shipment (the operator alert counter lives in alerts). */
    async recordPollFailure(orderCode: string, at: Date, message: string): Promise<void> {
      await Shipments.updateOne({ orderCode }, { $inc: { pollFailures: 1 }, $set: { lastPollFailureAt: at, lastPollError: message } });
    },

    async findShipment(orderCode: string): Promise<Record<string, unknown> | null> {
      return toPlain(await Shipments.findOne({ orderCode }).lean());
    },

    /** The shipment's timeline, oldest first. */
    async listEvents(orderCode: string): Promise<Record<string, unknown>[]> {
      const docs = await Events.find({ orderCode }).sort({ occurredAtUtc: 1 }).lean();
      return docs.map((d) => toPlain<Record<string, unknown>>(d)!);
    },

    /** The append-only audit log, in revision order. */
    async listStatusChanges(orderCode: string): Promise<Record<string, unknown>[]> {
      const docs = await Changes.find({ orderCode }).sort({ revision: 1 }).lean();
      return docs.map((d) => toPlain<Record<string, unknown>>(d)!);
    },
  };
}

export type ProjectionRepository = ReturnType<typeof createProjectionRepository>;
