import type { CarrierEventsPayload } from '../../../workflows/shipment-messages.js';
import type { RelayTarget } from '../../db/orders/order-record.js';
import type { OrderRepository } from '../../db/orders/repository.js';
import type { InboxEntry, RelayOutcome } from '../../db/webhook-inbox/repository.js';
import type { Logger } from '../../observability/logger.js';
import { mapWithConcurrency } from '../../util/map-with-concurrency.js';
import type { RelayInbox } from './relay-inbox.js';
import { storedPart, type Delivery, type RelayItem } from './relay-item.js';
import { retryDelayMs } from './relay-policy.js';
import type { SignalOrder } from './signal-order.js';

type Job = { entry: RelayItem; index: number; delivery: Delivery; order: RelayTarget };

/** The carrier events of one delivery of an entry, as its workflow's signal carries them. */
function partFor(entry: RelayItem, delivery: Delivery): CarrierEventsPayload {
  const update = entry.updates.find((u) => u.trackingNumber === delivery.trackingNumber);
  return {
    source: 'webhook',
    receivedAt: entry.receivedAt,
    events: update?.events ?? [],
    ...(update?.eta ? { eta: update.eta } : {}),
    inboxId: entry.id,
  };
}

/**
 * The carriers whose orders a delivery may move: the one whose endpoint and secret the webhook came
 * through, and the carrier an aggregator says carries the parcel (only aggregators' mappers say so).
 * An admin's re-match names the order itself and needs none.
 */
function carriersOf(entry: RelayItem, delivery: Delivery): string[] {
  const underlying = entry.updates.find((u) => u.trackingNumber === delivery.trackingNumber)?.carrierId;
  return underlying && underlying !== entry.carrierId ? [entry.carrierId, underlying] : [entry.carrierId];
}

/** Jobs grouped by order, each group in arrival order (entry, then delivery). */
function groupByOrder(entries: RelayItem[], jobs: Job[]): Job[][] {
  const position = new Map(entries.map((e, i) => [e.id, i]));
  const groups = new Map<string, Job[]>();
  for (const job of jobs.sort((a, b) => position.get(a.entry.id)! - position.get(b.entry.id)! || a.index - b.index)) {
    const group = groups.get(job.order.code) ?? [];
    group.push(job);
    groups.set(job.order.code, group);
  }
  return [...groups.values()];
}

/**
 * Relays a batch and saves every outcome; returns each entry's status afterwards, in order. Each order is
 * looked up once, and its workflow gets one signal for all of its deliveries in the batch, in arrival
 * order: a burst for one shipment, or an outage's backlog, costs one signal instead of one per webhook.
 * A relayed stored entry's outcome is a receipt; a failed one is rescheduled with backoff.
 */
export function createBatchDelivery(deps: {
  inbox: Pick<RelayInbox, 'saveOutcomes'>;
  orders: OrderRepository;
  signalOrder: SignalOrder;
  logger: Logger;
  now: () => Date;
  signalConcurrency: number;
}) {
  return async function deliverBatch(entries: RelayItem[]): Promise<InboxEntry['status'][]> {
    if (entries.length === 0) return [];
    // A delivery's order: its re-matched order, else the repository's rule for a carrier's tracking number.
    const lookups = new Map<string, Promise<RelayTarget | null>>();
    const orderFor = (delivery: Delivery, entry: RelayItem) => {
      const carrierIds = carriersOf(entry, delivery);
      const key = delivery.orderCode ? `code ${delivery.orderCode}` : `${carrierIds.join(',')} ${delivery.trackingNumber}`;
      let found = lookups.get(key);
      if (!found) {
        found = delivery.orderCode ? deps.orders.findByCode(delivery.orderCode) : deps.orders.findRelayTarget(delivery.trackingNumber, carrierIds);
        lookups.set(key, found);
      }
      return found;
    };

    const now = deps.now();
    // Where each entry's deliveries stand, and why an entry must be retried (its look-up or its signal failed).
    const deliveries = new Map(entries.map((e) => [e.id, [...e.deliveries]]));
    const failed = new Map<string, unknown>();
    const fail = (entry: RelayItem, err: unknown) => {
      if (failed.size === 0) deps.logger.warn('webhook relay failed; will retry', { inboxId: entry.id, attempts: entry.attempts + 1, batch: entries.length, err });
      if (!failed.has(entry.id)) failed.set(entry.id, err);
    };

    // 1. Every pending delivery's order.
    const jobs: Job[] = [];
    await mapWithConcurrency(entries, deps.signalConcurrency, async (entry) => {
      for (const [index, delivery] of entry.deliveries.entries()) {
        if (delivery.state !== 'pending') continue;
        try {
          const order = await orderFor(delivery, entry);
          if (order) jobs.push({ entry, index, delivery, order });
          else deliveries.get(entry.id)![index] = { ...delivery, state: 'unmatched' };
        } catch (err) {
          fail(entry, err);
        }
      }
    });

    // 2. One signal per order. After one failure (Temporal unreachable) the rest of the batch is
    // rescheduled without waiting out a deadline each.
    let failure: unknown;
    await mapWithConcurrency(groupByOrder(entries, jobs), deps.signalConcurrency, async (group) => {
      try {
        if (failure) throw failure;
        const state = await deps.signalOrder(group[0]!.order, group.map((j) => partFor(j.entry, j.delivery)));
        for (const j of group) deliveries.get(j.entry.id)![j.index] = { trackingNumber: j.delivery.trackingNumber, orderCode: j.order.code, state };
      } catch (err) {
        failure ??= err;
        for (const j of group) fail(j.entry, err);
      }
    });

    // 3. Every outcome, saved together.
    const outcomes = entries.map((entry): RelayOutcome => {
      const err = failed.get(entry.id);
      if (err !== undefined) {
        const attempts = entry.attempts + 1;
        return { id: entry.id, ...storedPart(entry), retry: { attempts, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)), error: String((err as Error).message) } };
      }
      const final = deliveries.get(entry.id)!;
      return { id: entry.id, ...storedPart(entry), deliveries: final, status: final.some((d) => d.state === 'unmatched') ? 'unmatched' : 'relayed' };
    });
    await deps.inbox.saveOutcomes(outcomes, deps.now());
    return outcomes.map((o) => ('retry' in o ? 'retry' : o.status));
  };
}

export type DeliverBatch = ReturnType<typeof createBatchDelivery>;
