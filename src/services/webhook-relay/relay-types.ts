import type { Client } from '@temporalio/client';
import type { InboxEntry } from '../../db/webhook-inbox/repository.js';
import type { OrderRepository } from '../../db/orders/repository.js';
import type { Logger } from '../../observability/logger.js';
import type { WorkflowStarter } from '../workflow-starter.js';
import type { RelayInbox } from './relay-inbox.js';
import type { RelayItem } from './relay-item.js';

/** Limits of one relay (defaults in RELAY_LIMITS). */
export interface WebhookRelayOptions {
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
}

/** What an in-process relay works with. */
export interface WebhookRelayDeps extends WebhookRelayOptions {
  inbox: RelayInbox;
  orders: OrderRepository;
  temporal: Client;
  workflows: WorkflowStarter;
  logger: Logger;
  now: () => Date;
  /** Told when enqueued entries leave this relay's hands (relayed, failed back to the inbox, or dropped). */
  onReleased?: (ids: string[]) => void;
}

/** An entry a relay owes, stored under `lease` in the inbox. */
export interface LeasedId {
  id: string;
  lease: string;
}

/**
 * The webhook relay: stored inbox entries to shipment workflows as signals. The same interface in-process
 * and in a worker thread (see createRelay).
 */
export interface WebhookRelay {
  /** Queues freshly stored entries for an immediate relay (the intake calls this after the inbox write). */
  enqueue(entries: RelayItem[]): void;
  /**
   * Takes over entries stored under leases of this process that another relay held when it ended (a relay
   * thread that died): read back from the inbox at once rather than when their lease expires.
   */
  adopt(items: LeasedId[]): void;
  /** Entries this relay owes right now (queued, being relayed, or set aside by a full queue), without a query. */
  backlog(): number;
  /** Whether this relay still owes the entry `id` (queued, being relayed, or set aside to read back). */
  owes(id: string): boolean;
  /** Resolves once every queued entry has been relayed (or failed back to the inbox). */
  idle(): Promise<void>;
  /** Releases what the relay holds (a relay thread stops its thread). */
  close(): Promise<void>;
  /** One sweep of failed relays that are due and of leases that expired; returns how many were relayed. */
  sweep(limit?: number): Promise<number>;
  /** Admin: points an unmatched delivery at an order and relays it. */
  rematch(id: string, trackingNumber: string, orderCode: string): Promise<InboxEntry['status'] | null>;
  /** A new order may be what an earlier unmatched webhook was waiting for. */
  rematchTrackingNumber(trackingNumber: string): Promise<void>;
}
