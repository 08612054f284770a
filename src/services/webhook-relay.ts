import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ShipmentWorkflow } from '../../workflows/shipment-workflow.js';
import { carrierEventsBatchSignal, carrierEventsSignal, type CarrierEventsPayload } from '../../workflows/shipment-messages.js';
import type { RelayTarget } from '../db/orders/order-record.js';
import type { OrderRepository } from '../db/orders/repository.js';
import { RELAY_LEASE_MS, storedPart, type InboxEntry, type RelayOutcome, type WebhookInboxRepository } from '../db/webhook-inbox/repository.js';
import type { Logger } from '../observability/logger.js';
import { mapWithConcurrency } from '../util/map-with-concurrency.js';
import type { WorkflowStarter } from './workflow-starter.js';

export interface WebhookRelayDeps {
  inbox: WebhookInboxRepository;
  orders: OrderRepository;
  temporal: Client;
  workflows: WorkflowStarter;
  logger: Logger;
  now: () => Date;
  /** Entries relayed together: each order is looked up once per batch, and Temporal's failure stops the rest. */
  batchSize?: number;
  /**
   * Look-ups, then signals, in flight at once per pipeline (default 4). Bounded so that the relay cannot
   * starve the intake that answers carriers: each look-up is queued in the database beside the inbox
   * inserts the answers wait for. With 8, at 500 webhooks/s for 1,000 shipments on 2 cores (bench:webhooks,
   * 60 s), the answers' p90 was 20 ms and p99 35 ms; with 4, 16 and 29 ms, the relay ~5% slower.
   */
  signalConcurrency?: number;
  /** Fresh entries held in memory at most; beyond that they wait in the inbox and are read back as the queue drains. */
  maxQueued?: number;
  /**
   * Ids of entries a full queue left in the inbox that this relay keeps, to read them back (by their lease)
   * once the queue is half empty; past this many, the rest wait for their lease to expire and a sweep.
   */
  maxSetAside?: number;
  /** Batches relayed side by side. */
  pipelines?: number;
  /** Told when enqueued entries leave this relay's hands (relayed, failed back to the inbox, or dropped). */
  onReleased?: (ids: string[]) => void;
}

type Delivery = InboxEntry['deliveries'][number];

/** At most one "queue full" warning per this interval (it carries the count of entries dropped since). */
const DROP_WARNING_INTERVAL_MS = 5_000;

/** A relay attempt gives up quickly when Temporal is unreachable; the entry stays stored and is retried. */
const SIGNAL_DEADLINE_MS = 3_000;

/** Backoff of a relay that could not reach Temporal: 1 s doubling to a minute, retried until delivered. */
const retryDelayMs = (attempts: number) => Math.min(60_000, 1_000 * 2 ** Math.min(attempts, 6));

/**
 * Relays inbox entries to shipment workflows as signals (signal-with-start where the start is not
 * confirmed, so a webhook that races it is never lost); a workflow that already ended marks the delivery
 * `closed`.
 *
 * Work is batched: fresh entries come straight from the intake (no re-read), an order is looked up once per
 * batch however many of its webhooks it holds and its workflow gets one signal for all of them, and
 * outcomes are saved together. Entries whose relay failed, or whose process died, come back through `sweep()`.
 */
export function createWebhookRelay(deps: WebhookRelayDeps) {
  const batchSize = deps.batchSize ?? 100;
  const signalConcurrency = deps.signalConcurrency ?? 4;
  const maxQueued = deps.maxQueued ?? 10_000;
  const maxSetAside = deps.maxSetAside ?? 50_000;
  const pipelines = deps.pipelines ?? 2;
  const queue: InboxEntry[] = [];
  const pumps = new Set<Promise<void>>();
  /** Entries this process holds (queued or in flight): an expired lease on one of them is not a dead owner. */
  const held = new Set<string>();
  /**
   * Entries a full queue left in the inbox, by lease (oldest first): still this relay's to deliver. Only
   * their ids are kept (the entries themselves were the memory the queue's bound protects).
   */
  const setAside = new Map<string, Set<string>>();
  /** How many ids are set aside (a handful of leases hold them: one per 10 s bucket of an overload). */
  const setAsideCount = () => [...setAside.values()].reduce((n, ids) => n + ids.size, 0);
  let readingBack: Promise<void> | undefined;
  let lastLeaseSweep = Number.NEGATIVE_INFINITY;
  let droppedSinceWarning = 0;
  let lastDropWarning = Number.NEGATIVE_INFINITY;

  /** The carrier events of one delivery of an entry, as its workflow's signal carries them. */
  function partFor(entry: InboxEntry, delivery: Delivery): CarrierEventsPayload {
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
   * Signals the order's workflow with the parts of a batch that are its: one part as `carrierEvents`, more
   * as one `carrierEventsBatch`. A plain signal when the order records that its workflow started (the
   * common case, and about half the cost of signal-with-start for Temporal and for us); signal-with-start
   * when it did not, or when the plain signal finds no running workflow, so a webhook that races the
   * workflow's start is never lost. Returns the deliveries' state: `delivered`, or `closed` when the
   * workflow has finished (delivered and past its grace period).
   */
  async function signal(order: RelayTarget, parts: CarrierEventsPayload[]): Promise<'delivered' | 'closed'> {
    const single = parts.length === 1;
    const signalWithStart = async () => {
      // The start needs the whole order (its workflow's input); only this rare path reads it.
      const full = await deps.orders.findByCode(order.code);
      if (!full) throw new Error(`order ${order.code} is gone`);
      const options = deps.workflows.startOptions(full);
      return single
        ? deps.temporal.workflow.signalWithStart(ShipmentWorkflow, { ...options, signal: carrierEventsSignal, signalArgs: [parts[0]!] })
        : deps.temporal.workflow.signalWithStart(ShipmentWorkflow, { ...options, signal: carrierEventsBatchSignal, signalArgs: [{ parts }] });
    };
    try {
      await deps.temporal.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, async () => {
        if (!order.workflowStartedAt) return signalWithStart();
        try {
          const handle = deps.temporal.workflow.getHandle(order.workflowId);
          await (single ? handle.signal(carrierEventsSignal, parts[0]!) : handle.signal(carrierEventsBatchSignal, { parts }));
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          await signalWithStart();
        }
      });
      return 'delivered';
    } catch (err) {
      // REJECT_DUPLICATE: the shipment's workflow has finished (delivered and past its grace period).
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'closed';
      throw err;
    }
  }

  /**
   * Relays a batch and saves every outcome; returns each entry's status afterwards, in order. Each order is
   * looked up once, and its workflow gets one signal for all of its deliveries in the batch, in arrival
   * order: a burst for one shipment, or an outage's backlog, costs one signal instead of one per webhook.
   */
  async function relayBatch(entries: InboxEntry[]): Promise<InboxEntry['status'][]> {
    if (entries.length === 0) return [];
    // A delivery's order: its re-matched order, else the repository's rule for a carrier's tracking number.
    const lookups = new Map<string, Promise<RelayTarget | null>>();
    const orderFor = (delivery: Delivery, carrierId: string) => {
      const key = delivery.orderCode ? `code ${delivery.orderCode}` : `${carrierId} ${delivery.trackingNumber}`;
      let found = lookups.get(key);
      if (!found) {
        found = delivery.orderCode ? deps.orders.findByCode(delivery.orderCode) : deps.orders.findRelayTarget(delivery.trackingNumber, carrierId);
        lookups.set(key, found);
      }
      return found;
    };

    const now = deps.now();
    // Where each entry's deliveries stand, and why an entry must be retried (its look-up or its signal failed).
    const deliveries = new Map(entries.map((e) => [e.id, [...e.deliveries]]));
    const failed = new Map<string, unknown>();
    const fail = (entry: InboxEntry, err: unknown) => {
      if (failed.size === 0) deps.logger.warn('webhook relay failed; will retry', { inboxId: entry.id, attempts: entry.attempts + 1, batch: entries.length, err });
      if (!failed.has(entry.id)) failed.set(entry.id, err);
    };

    // 1. Every pending delivery's order, grouped by order in arrival order.
    type Job = { entry: InboxEntry; index: number; delivery: Delivery; order: RelayTarget };
    const jobs: Job[] = [];
    await mapWithConcurrency(entries, signalConcurrency, async (entry) => {
      for (const [index, delivery] of entry.deliveries.entries()) {
        if (delivery.state !== 'pending') continue;
        try {
          const order = await orderFor(delivery, entry.carrierId);
          if (order) jobs.push({ entry, index, delivery, order });
          else deliveries.get(entry.id)![index] = { ...delivery, state: 'unmatched' };
        } catch (err) {
          fail(entry, err);
        }
      }
    });
    const position = new Map(entries.map((e, i) => [e.id, i]));
    const groups = new Map<string, Job[]>();
    for (const job of jobs.sort((a, b) => position.get(a.entry.id)! - position.get(b.entry.id)! || a.index - b.index)) {
      const group = groups.get(job.order.code) ?? [];
      group.push(job);
      groups.set(job.order.code, group);
    }

    // 2. One signal per order. After one failure (Temporal unreachable) the rest of the batch is
    // rescheduled without waiting out a deadline each.
    let failure: unknown;
    await mapWithConcurrency([...groups.values()], signalConcurrency, async (group) => {
      try {
        if (failure) throw failure;
        const state = await signal(group[0]!.order, group.map((j) => partFor(j.entry, j.delivery)));
        for (const j of group) deliveries.get(j.entry.id)![j.index] = { trackingNumber: j.delivery.trackingNumber, orderCode: j.order.code, state };
      } catch (err) {
        failure ??= err;
        for (const j of group) fail(j.entry, err);
      }
    });

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
  }

  /** Forgets set-aside entries (read back, or taken by a sweep); returns those it held. */
  function unsetAside(lease: string, ids: Iterable<string>): string[] {
    const set = setAside.get(lease);
    if (!set) return [];
    const removed: string[] = [];
    for (const id of ids) if (set.delete(id)) removed.push(id);
    if (set.size === 0) setAside.delete(lease);
    return removed;
  }

  /**
   * Reads entries a full queue left in the inbox back into the queue, as many as there is room for, oldest
   * lease first (one indexed read of the lease's unrelayed entries per lease). Set-aside entries the read
   * does not return were relayed meanwhile (by a sweep) and are forgotten. One read-back at a time.
   */
  function readBack(): Promise<void> {
    const run = async () => {
      for (const [lease, ids] of [...setAside]) {
        const room = maxQueued - queue.length;
        if (room <= 0) break;
        const owed = (await deps.inbox.unrelayed(lease)).filter((e) => ids.has(e.id));
        const owedIds = new Set(owed.map((e) => e.id));
        const gone = unsetAside(lease, [...ids].filter((id) => !owedIds.has(id)));
        if (gone.length > 0) deps.onReleased?.(gone);
        const taken = owed.filter((e) => !held.has(e.id)).slice(0, room);
        unsetAside(lease, taken.map((e) => e.id));
        taken.forEach((e) => held.add(e.id));
        queue.push(...taken);
      }
    };
    readingBack ??= run()
      .catch((err: unknown) => deps.logger.warn('reading set-aside webhooks back failed; retried at the next sweep', { setAside: setAsideCount(), err }))
      .finally(() => (readingBack = undefined));
    return readingBack;
  }

  /** Whether a pump has more to relay, reading set-aside entries back when the queue is empty. */
  async function more(): Promise<boolean> {
    if (queue.length === 0 && setAside.size > 0) await readBack();
    return queue.length > 0;
  }

  /**
   * Drains the in-memory queue batch by batch, `pipelines` pumps side by side: a fresh webhook never waits
   * for the slowest signal or save of the batch before it (batches still fill up under a burst). Two
   * pipelines may signal one workflow out of arrival order; the workflow sorts events by when they
   * happened and drops duplicates, so that order does not matter.
   */
  function pump(): void {
    // With an empty queue, one pump still starts for set-aside entries (it reads them back first).
    while (pumps.size < pipelines && (queue.length > 0 || (pumps.size === 0 && setAside.size > 0))) {
      const running: Promise<void> = (async () => {
        while (await more()) {
          const batch = queue.splice(0, batchSize);
          // A failed batch stays pending in the inbox (its lease expires, a sweep takes it): nothing is lost.
          await relayBatch(batch)
            .catch((err: unknown) => deps.logger.warn('webhook relay batch failed; the sweep retries', { entries: batch.length, err }))
            .finally(() => {
              batch.forEach((e) => held.delete(e.id));
              deps.onReleased?.(batch.map((e) => e.id));
            });
          if (setAside.size > 0 && queue.length <= maxQueued / 2) await readBack();
        }
      })().finally(() => {
        pumps.delete(running);
        // Entries queued between the loop's last check and this callback get a pump of their own (set-aside
        // ones it could not read back wait for the next enqueue or sweep, not for a tight loop).
        if (queue.length > 0) pump();
      });
      pumps.add(running);
    }
  }

  /** Keeps ids to read back (within `maxSetAside`); returns the ids it could not keep. */
  function setAsideIds(items: { id: string; lease: string }[]): string[] {
    const left: string[] = [];
    let room = maxSetAside - setAsideCount();
    for (const { id, lease } of items) {
      const ids = setAside.get(lease) ?? new Set<string>();
      if (ids.has(id)) continue;
      if (room <= 0) {
        left.push(id);
        continue;
      }
      ids.add(id);
      setAside.set(lease, ids);
      room -= 1;
    }
    return left;
  }

  return {
    /** Queues freshly stored entries for an immediate relay (the intake calls this after the inbox write). */
    enqueue(entries: InboxEntry[]): void {
      const room = maxQueued - queue.length;
      const taken = entries.slice(0, Math.max(room, 0));
      // The rest stay this relay's to read back, as far as it keeps ids; beyond that a lease sweep takes them.
      const leased: { id: string; lease: string }[] = [];
      const released: string[] = [];
      for (const e of entries.slice(taken.length)) {
        if (held.has(e.id)) continue;
        if (e.lease && e.status === 'pending') leased.push({ id: e.id, lease: e.lease });
        else released.push(e.id);
      }
      released.push(...setAsideIds(leased));
      if (released.length > 0) deps.onReleased?.(released);
      if (room < entries.length) {
        // Under overload every webhook would log a line: one warning per interval, with the count since.
        droppedSinceWarning += entries.length - Math.max(room, 0);
        const at = Date.now();
        if (at - lastDropWarning >= DROP_WARNING_INTERVAL_MS) {
          deps.logger.warn('webhook relay queue full; the rest wait in the inbox and are read back as it drains', { dropped: droppedSinceWarning, setAside: setAsideCount(), maxQueued });
          droppedSinceWarning = 0;
          lastDropWarning = at;
        }
      }
      taken.forEach((e) => held.add(e.id));
      queue.push(...taken);
      pump();
    },

    /**
     * Takes over entries stored under `lease`s of this process that another relay held when it ended (a
     * relay thread that died): they are read back from the inbox like a full queue's, at once rather than
     * when their lease expires. Ids beyond `maxSetAside` are released to the lease sweep.
     */
    adopt(items: { id: string; lease: string }[]): void {
      const left = setAsideIds(items.filter((i) => !held.has(i.id)));
      if (left.length > 0) deps.onReleased?.(left);
      pump();
    },

    /**
     * Entries this relay owes right now (queued, being relayed, or set aside by a full queue): its relay
     * backlog, read without a query.
     */
    backlog(): number {
      return held.size + setAsideCount();
    },

    /** Whether this relay still owes the entry `id` (queued, being relayed, or set aside to read back). */
    owes(id: string): boolean {
      if (held.has(id)) return true;
      for (const ids of setAside.values()) if (ids.has(id)) return true;
      return false;
    },

    /** Resolves once every queued entry has been relayed (or failed back to the inbox). */
    async idle(): Promise<void> {
      while (pumps.size > 0) await Promise.all(pumps);
    },

    /** Nothing to release in-process (a relay thread stops its thread). */
    async close(): Promise<void> {},

    /**
     * One sweep: failed relays whose retry is due, and, once per half lease, what dead processes left: the
     * unrelayed entries of leases past their expiry (and v0.3 entries whose lease expired). Returns how
     * many were relayed.
     */
    async sweep(limit = 500): Promise<number> {
      // Set-aside entries a read-back could not take (no room then, or the database failed) get another try.
      if (setAside.size > 0) pump();
      const now = deps.now();
      let relayed = 0;
      const relayAll = async (entries: InboxEntry[]) => {
        for (let i = 0; i < entries.length; i += batchSize) relayed += (await relayBatch(entries.slice(i, i + batchSize))).filter((s) => s !== 'retry').length;
      };
      await relayAll(await deps.inbox.due('retry', now, limit));
      if (now.getTime() - lastLeaseSweep >= RELAY_LEASE_MS / 2) {
        lastLeaseSweep = now.getTime();
        await relayAll((await deps.inbox.due('pending', now, limit)).filter((e) => !held.has(e.id)));
        for (const lease of await deps.inbox.expiredLeases(now)) {
          const owed = (await deps.inbox.unrelayed(lease.key)).filter((e) => !held.has(e.id));
          // Set-aside entries whose lease expired before they were read back: this sweep relays them.
          const wereSetAside = unsetAside(lease.key, owed.map((e) => e.id));
          await relayAll(owed);
          if (wereSetAside.length > 0) deps.onReleased?.(wereSetAside);
          // This process's own lease closes once every entry is settled (the inbox's releaseLeases), another's now.
          if (!lease.own) await deps.inbox.closeLease(lease.key);
        }
      }
      return relayed;
    },

    /** Admin: points an unmatched delivery at an order and relays it. */
    async rematch(id: string, trackingNumber: string, orderCode: string): Promise<InboxEntry['status'] | null> {
      const entry = await deps.inbox.findById(id);
      if (!entry) return null;
      const deliveries = entry.deliveries.map((d) =>
        d.trackingNumber === trackingNumber && d.state === 'unmatched' ? { ...d, orderCode, state: 'pending' as const } : d,
      );
      const [status] = await relayBatch([{ ...entry, deliveries }]);
      return status ?? null;
    },

    /** A new order may be what an earlier unmatched webhook was waiting for. */
    async rematchTrackingNumber(trackingNumber: string): Promise<void> {
      const entries = await deps.inbox.unmatched({ trackingNumber, limit: 20 });
      await relayBatch(
        entries.map((entry) => ({
          ...entry,
          deliveries: entry.deliveries.map((d) => (d.trackingNumber === trackingNumber && d.state === 'unmatched' ? { ...d, state: 'pending' as const } : d)),
        })),
      );
    },
  };
}

export type WebhookRelay = ReturnType<typeof createWebhookRelay>;
