import type { InboxEntry, RelayOutcome } from '../../db/webhook-inbox/repository.js';

/**
 * What relaying an inbox entry needs: its parsed updates, where its deliveries stand, its attempts and its
 * lease. Not its raw body, headers or dedupe key: the relay queues up to tens of thousands of these, and
 * a relay thread receives each one as a structured clone.
 */
export type RelayItem = Pick<InboxEntry, 'id' | 'carrierId' | 'receivedAt' | 'updates' | 'deliveries' | 'status' | 'attempts' | 'lease'>;

/** One tracking number of an item and where its relay stands. */
export type Delivery = RelayItem['deliveries'][number];

/** The relay's part of an entry (a fresh object: the entry's raw body is not kept alive by it). */
export function toRelayItem(entry: RelayItem): RelayItem {
  const { id, carrierId, receivedAt, updates, deliveries, status, attempts, lease } = entry;
  return { id, carrierId, receivedAt, updates, deliveries, status, attempts, ...(lease ? { lease } : {}) };
}

/** What a relay outcome carries for an entry that is still stored (pending, under a lease): its relay is then a receipt. */
export const storedPart = (entry: RelayItem): Pick<RelayOutcome, 'stored'> =>
  entry.status === 'pending' && entry.lease ? { stored: { lease: entry.lease, receivedAt: entry.receivedAt } } : {};
