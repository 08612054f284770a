/** The webhook inbox's plain types, and how a stored document (with its receipt) reads as an entry. */
import type { Types } from 'mongoose';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import { toPlain } from '../to-plain.js';

export type DeliveryState = 'pending' | 'delivered' | 'unmatched' | 'closed';

export interface InboxEntry {
  id: string;
  carrierId: string;
  dedupeKey: string;
  receivedAt: string;
  remoteAddress?: string;
  rawBody: string;
  updates: TrackingUpdate[];
  deliveries: { trackingNumber: string; orderCode?: string; state: DeliveryState }[];
  /** pending: still to relay (fresh, or its process died); retry: after a failed attempt; relayed / unmatched: done. */
  status: 'pending' | 'retry' | 'relayed' | 'unmatched' | 'discarded';
  discardedAt?: string;
  discardedBy?: string;
  discardReason?: string;
  attempts: number;
  lastError?: string;
  relayedAt?: string;
  /** The relay lease it was stored under, while its relay is recorded by a receipt rather than on itself. */
  lease?: string;
}

/** A relay receipt as stored (see webhookRelayReceiptSchema). */
export interface ReceiptDoc {
  _id: Types.ObjectId;
  lease: string;
  receivedAt: Date;
  deliveries: InboxEntry['deliveries'];
  relayedAt: Date;
}

/** An entry as callers see it: a stored entry is `pending` until its receipt says relayed. */
export const toEntry = (doc: unknown, receipt?: ReceiptDoc | null): InboxEntry => {
  // The exact bytes (rare, see the schema) stay in the store: callers read the text.
  const { rawBodyExact: _exact, ...stored } = doc as Record<string, unknown>;
  const { status, ...plain } = toPlain<Omit<InboxEntry, 'id' | 'status'> & { status: InboxEntry['status'] | 'stored' }>(stored)!;
  const entry: InboxEntry = {
    id: String((doc as { _id: unknown })._id),
    ...plain,
    status: status === 'stored' ? 'pending' : status,
    updates: plain.updates ?? [],
    deliveries: plain.deliveries ?? [],
  };
  if (status !== 'stored') delete entry.lease;
  if (status === 'stored' && receipt) {
    const { lease: _lease, ...relayed } = entry;
    return { ...relayed, status: 'relayed', deliveries: toPlain<{ d: InboxEntry['deliveries'] }>({ d: receipt.deliveries })!.d, relayedAt: receipt.relayedAt.toISOString() };
  }
  return entry;
};

/**
 * One relay outcome: where each delivery stands now, or a retry after Temporal could not be reached.
 * `stored`: the entry's lease and receipt time while it is stored and unrelayed (see `storedPart`); its
 * successful relay is then appended as a receipt instead of updating the entry.
 */
export type RelayOutcome = { id: string; stored?: { lease: string; receivedAt: string } } & (
  | { deliveries: InboxEntry['deliveries']; status: 'relayed' | 'unmatched' }
  | { retry: { attempts: number; nextAttemptAt: Date; error: string } }
);

/** An open lease past its expiry: its process died, or dropped entries under overload. */
export interface ExpiredLease {
  key: string;
  /** The process that wrote it. */
  owner: string;
}

/** A relay lease document (see webhookRelayLeaseSchema). */
export interface LeaseDocument {
  _id: string;
  owner: string;
  bucket: number;
  expiresAt: Date;
}

/**
 * Where a new entry stands for its relay: `lease`, the relay lease it is stored under (its relay then
 * appends a receipt); `nextAttemptAt`, when any process's sweep may take it. Without a lease an entry with
 * updates is stored `pending`, due for the sweep at `nextAttemptAt` (default: at once).
 */
export interface InboxPlacement {
  lease?: string;
  nextAttemptAt?: Date;
}
