/**
 * This process's relay leases over the inbox entries it stores. Rather than marking each relayed entry
 * (one update per webhook, the intake's largest database cost on FerretDB), the process writes one lease
 * document per time bucket before the first entry of that bucket is stored, keeps in memory which of the
 * bucket's entries are not settled yet (relayed, or handed to the retry sweep), and deletes the lease once
 * none is left and the bucket is over. A lease that outlives its expiry belongs to a process that died or
 * dropped entries: the sweep finds it and relays what it left.
 */

import { LEASE_BUCKET_MS, LEASE_PREOPEN_MS, LEASE_RENEWAL_LIMIT_MS } from './relay-policy.js';

/** Where lease documents are written (the inbox repository's `leaseStore`). */
export interface LeaseStore {
  /** Writes the lease document (idempotent: the same key twice is one lease). */
  open(lease: { _id: string; owner: string; bucket: number; expiresAt: Date }): Promise<void>;
  /** Moves an open lease's expiry later (its process is alive and still relaying its entries). */
  extend(key: string, expiresAt: Date): Promise<void>;
  close(key: string): Promise<void>;
}

interface OpenLease {
  bucket: number;
  /** When the lease document says it expires (ms): a later sweep of any process takes its entries. */
  expiresAt: number;
  written: Promise<void>;
  /** Inserts under this lease still in flight: it may not close while an entry can still appear. */
  inserting: number;
  unsettled: Set<string>;
}

function everyOwed(ids: Set<string>, owed: (id: string) => boolean): boolean {
  for (const id of ids) if (!owed(id)) return false;
  return true;
}

export function createLeaseBook(options: { store: LeaseStore; owner: string; leaseMs: number; clock?: () => number }) {
  const clock = options.clock ?? Date.now;
  const leases = new Map<string, OpenLease>();
  const keyOf = (bucket: number) => `${options.owner}:${bucket}`;

  /** The bucket's lease, its write started if it had none (a failed write is forgotten, so retried). */
  function ensure(bucket: number): OpenLease {
    const key = keyOf(bucket);
    const open = leases.get(key);
    if (open) return open;
    const expiresAt = new Date((bucket + 1) * LEASE_BUCKET_MS + options.leaseMs);
    const written = options.store.open({ _id: key, owner: options.owner, bucket, expiresAt });
    const lease: OpenLease = { bucket, expiresAt: expiresAt.getTime(), written, inserting: 0, unsettled: new Set() };
    leases.set(key, lease);
    // A failed lease write fails every claim waiting on it (no entry was written) and is retried by the
    // bucket's next claim.
    written.catch(() => {
      if (leases.get(key) === lease) leases.delete(key);
    });
    return lease;
  }

  return {
    /**
     * The lease to store an entry under, its document durable before the entry is written (so an entry
     * never exists without the lease that finds it after a crash). Call `stored` or `abandoned` after.
     */
    async claim(): Promise<string> {
      const now = clock();
      const bucket = Math.floor(now / LEASE_BUCKET_MS);
      const key = keyOf(bucket);
      const lease = ensure(bucket);
      if ((bucket + 1) * LEASE_BUCKET_MS - now <= LEASE_PREOPEN_MS) ensure(bucket + 1);
      lease.inserting += 1;
      try {
        await lease.written;
      } catch (err) {
        lease.inserting -= 1;
        throw err;
      }
      return key;
    },

    /** The entry `id` was written under `key`: owed a relay until settled. */
    stored(key: string, id: string): void {
      const lease = leases.get(key);
      if (!lease) return;
      lease.inserting -= 1;
      lease.unsettled.add(id);
    },

    /** The claim wrote nothing (a duplicate, or the insert failed). */
    abandoned(key: string): void {
      const lease = leases.get(key);
      if (lease) lease.inserting -= 1;
    },

    /** The entries' relay outcomes are saved (receipt, retry or unmatched): this process owes them nothing. */
    settled(items: { lease: string; id: string }[]): void {
      for (const { lease, id } of items) leases.get(lease)?.unsettled.delete(id);
    },

    /** Whether `key` is one of the leases this book keeps open. */
    holds(key: string): boolean {
      return leases.has(key);
    },

    /**
     * Extends the leases that would expire within half a lease while every entry they still owe is in
     * this process's relay (`owed`: queued, being relayed, or set aside to read back); returns how many.
     * A relay more than a lease behind (a long burst) would otherwise see its own leases expire: its sweep
     * then read each one's whole backlog back every half lease, and other processes' sweeps relayed the
     * entries a second time. A lease with an entry the relay let go (a failed batch, an overflow past what
     * it keeps) is left to expire, so that a sweep takes that entry; so is one past LEASE_RENEWAL_LIMIT_MS.
     */
    async renew(owed: (id: string) => boolean): Promise<number> {
      const now = clock();
      const due = [...leases].filter(
        ([, l]) =>
          l.unsettled.size > 0 &&
          l.expiresAt - now <= options.leaseMs / 2 &&
          now - l.bucket * LEASE_BUCKET_MS < LEASE_RENEWAL_LIMIT_MS &&
          everyOwed(l.unsettled, owed),
      );
      for (const [key, lease] of due) {
        const expiresAt = now + options.leaseMs;
        await options.store.extend(key, new Date(expiresAt));
        lease.expiresAt = expiresAt;
      }
      return due.length;
    },

    /**
     * Deletes the leases of past buckets whose entries are all settled; returns how many. `final` (the
     * process stops storing) also takes the current bucket's.
     */
    async release(final = false): Promise<number> {
      const current = Math.floor(clock() / LEASE_BUCKET_MS);
      const done = [...leases].filter(([, l]) => (final || l.bucket < current) && l.inserting === 0 && l.unsettled.size === 0);
      for (const [key, lease] of done) {
        // A lease written ahead (the next bucket's, at the final release) is closed after its write lands.
        await lease.written.catch(() => undefined);
        await options.store.close(key);
        leases.delete(key);
      }
      return done.length;
    },
  };
}

export type LeaseBook = ReturnType<typeof createLeaseBook>;
