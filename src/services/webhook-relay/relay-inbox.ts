import { randomBytes } from 'node:crypto';
import type { DbConnection } from '../../db/connection.js';
import { createWebhookInboxRepository, type ExpiredLease, type RelayOutcome, type WebhookInboxOptions } from '../../db/webhook-inbox/repository.js';
import { createLeaseBook } from './lease-book.js';
import { RELAY_LEASE_MS } from './relay-policy.js';

/** Options of the relay's inbox: the repository's write batching plus this process's lease policy. */
export interface RelayInboxOptions extends WebhookInboxOptions {
  relayLeaseMs?: number;
  /**
   * Whose leases entries are stored under (default: a fresh owner, one per process). A relay thread's
   * inbox takes its process's, so the leases of the entries it relays count as its own.
   */
  leaseOwner?: string;
  /** Told which leased entries a save settled (a relay thread reports them to the process holding the leases). */
  onSettled?: (items: { lease: string; id: string }[]) => void;
}

/** An expired lease, and whether it is this process's own (it closes those itself once all are settled). */
export type RelayExpiredLease = ExpiredLease & { own: boolean };

/**
 * The webhook inbox as the relay uses it: the repository, with each stored entry put under this process's
 * relay lease (written before the entry, so no entry exists without the lease that finds it after a crash)
 * and each saved outcome settled in the lease book. Used where the repository is (the intake stores
 * through it).
 */
export function createRelayInbox(connection: DbConnection, options: RelayInboxOptions = {}) {
  const repository = createWebhookInboxRepository(connection, options);
  const leaseMs = options.relayLeaseMs ?? RELAY_LEASE_MS;
  // This process; a restart is a new owner, whose predecessor's leases expire and are swept.
  const owner = options.leaseOwner ?? randomBytes(6).toString('hex');
  const leases = createLeaseBook({ owner, leaseMs, store: repository.leaseStore });

  return {
    ...repository,

    /** Stores a verified webhook under this process's lease; null when the same delivery was stored before. */
    async insert(entry: Parameters<typeof repository.insert>[0]) {
      const lease = entry.updates.length > 0 ? await leases.claim() : undefined;
      const nextAttemptAt = new Date(entry.receivedAt.getTime() + leaseMs);
      let stored;
      try {
        stored = await repository.insert(entry, { ...(lease ? { lease } : {}), nextAttemptAt });
      } catch (err) {
        if (lease) leases.abandoned(lease);
        throw err;
      }
      if (lease) {
        if (stored) leases.stored(lease, stored.id);
        else leases.abandoned(lease);
      }
      return stored;
    },

    /** Saves relay outcomes; the leased entries among them are settled (this process owes them nothing). */
    async saveOutcomes(outcomes: RelayOutcome[], at: Date): Promise<void> {
      await repository.saveOutcomes(outcomes, at);
      const settled = outcomes.flatMap((o) => (o.stored ? [{ lease: o.stored.lease, id: o.id }] : []));
      leases.settled(settled);
      if (settled.length > 0) options.onSettled?.(settled);
    },

    async expiredLeases(now: Date): Promise<RelayExpiredLease[]> {
      return (await repository.expiredLeases(now)).map((l) => ({ ...l, own: l.owner === owner }));
    },

    /** Deletes this process's leases whose entries are all relayed; `final` once it stores no more. */
    releaseLeases(final = false): Promise<number> {
      return leases.release(final);
    },

    /** Extends this process's leases whose unsettled entries its relay still owes (see the lease book). */
    renewLeases(owed: (id: string) => boolean): Promise<number> {
      return leases.renew(owed);
    },

    /** The lease owner entries are stored under (for a relay thread's inbox). */
    leaseOwner: owner,

    /** Entries settled elsewhere (by this process's relay thread): this process owes them nothing. */
    settle(items: { lease: string; id: string }[]): void {
      leases.settled(items);
    },
  };
}

export type RelayInbox = ReturnType<typeof createRelayInbox>;
