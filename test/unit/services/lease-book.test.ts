import { describe, expect, it } from 'vitest';
import { createLeaseBook } from '../../../src/services/webhook-relay/lease-book.js';
import { LEASE_BUCKET_MS, LEASE_PREOPEN_MS, LEASE_RENEWAL_LIMIT_MS } from '../../../src/services/webhook-relay/relay-policy.js';

/** An in-memory lease store that records what the book asked of it, and can be made to fail. */
function recordingStore() {
  const open = new Map<string, { bucket: number; expiresAt: Date }>();
  const calls: string[] = [];
  let failNext = false;
  return {
    open,
    calls,
    failNextOpen: () => (failNext = true),
    store: {
      async open(lease: { _id: string; owner: string; bucket: number; expiresAt: Date }) {
        calls.push(`open ${lease._id}`);
        if (failNext) {
          failNext = false;
          throw new Error('database unreachable');
        }
        open.set(lease._id, { bucket: lease.bucket, expiresAt: lease.expiresAt });
      },
      async extend(key: string, expiresAt: Date) {
        calls.push(`extend ${key}`);
        const lease = open.get(key);
        if (lease) lease.expiresAt = expiresAt;
      },
      async close(key: string) {
        calls.push(`close ${key}`);
        open.delete(key);
      },
    },
  };
}

describe('relay lease book', () => {
  const t0 = 1_000 * LEASE_BUCKET_MS; // the start of a bucket

  it('writes one lease per time bucket, durable before the first claim returns, expiring a lease after the bucket', async () => {
    const s = recordingStore();
    let now = t0 + 1;
    const book = createLeaseBook({ store: s.store, owner: 'p1', leaseMs: 30_000, clock: () => now });
    const [a, b] = await Promise.all([book.claim(), book.claim()]);
    expect(a).toBe('p1:1000');
    expect(b).toBe(a);
    expect(s.calls).toEqual(['open p1:1000']);
    expect(s.open.get(a)?.expiresAt.getTime()).toBe(t0 + LEASE_BUCKET_MS + 30_000);
    now = t0 + LEASE_BUCKET_MS;
    expect(await book.claim()).toBe('p1:1001');
    expect(s.calls).toEqual(['open p1:1000', 'open p1:1001']);
  });

  it('writes the next bucket\'s lease ahead, so the first claims of a bucket do not wait for a lease write', async () => {
    const s = recordingStore();
    let now = t0 + LEASE_BUCKET_MS - LEASE_PREOPEN_MS - 1;
    const book = createLeaseBook({ store: s.store, owner: 'p1', leaseMs: 30_000, clock: () => now });
    book.abandoned(await book.claim());
    expect(s.calls).toEqual(['open p1:1000']);
    now = t0 + LEASE_BUCKET_MS - LEASE_PREOPEN_MS;
    book.abandoned(await book.claim());
    expect(s.calls).toEqual(['open p1:1000', 'open p1:1001']);
    expect(s.open.get('p1:1001')?.expiresAt.getTime()).toBe(t0 + 2 * LEASE_BUCKET_MS + 30_000);

    // The next bucket: its lease is durable already; a store that now hangs is never waited for.
    s.store.open = () => new Promise<void>(() => {});
    now = t0 + LEASE_BUCKET_MS;
    const next = await book.claim();
    expect(next).toBe('p1:1001');
    book.abandoned(next);
    // A lease written ahead stays until its own bucket is over, even with nothing stored under it.
    expect(await book.release()).toBe(1);
    expect(s.calls).toEqual(['open p1:1000', 'open p1:1001', 'close p1:1000']);
  });

  it('closes a lease only once its bucket is over and every entry stored under it is settled', async () => {
    const s = recordingStore();
    let now = t0;
    const book = createLeaseBook({ store: s.store, owner: 'p1', leaseMs: 30_000, clock: () => now });
    const key = await book.claim();
    book.stored(key, 'e1');
    const inFlight = await book.claim(); // an insert still on its way
    now = t0 + LEASE_BUCKET_MS;
    expect(await book.release()).toBe(0);
    book.stored(inFlight, 'e2');
    book.settled([{ lease: key, id: 'e1' }]);
    expect(await book.release()).toBe(0); // e2 is owed a relay
    book.settled([{ lease: key, id: 'e2' }]);
    expect(await book.release()).toBe(1);
    expect(s.open.has(key)).toBe(false);
    expect(book.holds(key)).toBe(false);
  });

  it('keeps the current bucket open even when everything in it is settled, and counts an abandoned claim as settled', async () => {
    const s = recordingStore();
    let now = t0;
    const book = createLeaseBook({ store: s.store, owner: 'p1', leaseMs: 30_000, clock: () => now });
    const key = await book.claim();
    book.abandoned(key); // a duplicate: nothing was written
    expect(await book.release()).toBe(0);
    expect(book.holds(key)).toBe(true);
    now = t0 + LEASE_BUCKET_MS;
    expect(await book.release()).toBe(1);
  });

  it('releases the current bucket too when the process stores no more (shutdown)', async () => {
    const s = recordingStore();
    const book = createLeaseBook({ store: s.store, owner: 'p1', leaseMs: 30_000, clock: () => t0 });
    const key = await book.claim();
    book.stored(key, 'e1');
    book.settled([{ lease: key, id: 'e1' }]);
    expect(await book.release()).toBe(0);
    expect(await book.release(true)).toBe(1);
    expect(s.open.size).toBe(0);
  });

  it('fails the claims waiting on a lease write that failed, and writes it again on the next claim', async () => {
    const s = recordingStore();
    const book = createLeaseBook({ store: s.store, owner: 'p1', leaseMs: 30_000, clock: () => t0 });
    s.failNextOpen();
    await expect(book.claim()).rejects.toThrow('database unreachable');
    expect(await book.claim()).toBe('p1:1000');
    expect(s.calls).toEqual(['open p1:1000', 'open p1:1000']);
    expect(s.open.has('p1:1000')).toBe(true);
  });

  /** A book at the start of a bucket with two entries stored under its lease; `at` sets its clock. */
  async function bookWithTwoEntries(second: string) {
    const s = recordingStore();
    let now = t0;
    const book = createLeaseBook({ store: s.store, owner: 'p1', leaseMs: 30_000, clock: () => now });
    const key = await book.claim();
    book.stored(key, 'e1');
    book.stored(await book.claim(), second);
    return { s, book, key, at: (ms: number) => (now = ms), expiry: t0 + LEASE_BUCKET_MS + 30_000 };
  }

  it('extends a lease near its expiry while the relay still owes every entry under it', async () => {
    const { s, book, key, at, expiry } = await bookWithTwoEntries('e2');
    const owed = new Set(['e1', 'e2']);

    // More than half a lease left: nothing to do.
    at(expiry - 15_001);
    expect(await book.renew((id) => owed.has(id))).toBe(0);
    // Half a lease or less: extended to a full lease from now, once.
    const now = at(expiry - 15_000);
    expect(await book.renew((id) => owed.has(id))).toBe(1);
    expect(s.open.get(key)?.expiresAt.getTime()).toBe(now + 30_000);
    expect(await book.renew((id) => owed.has(id))).toBe(0);
    expect(s.calls.filter((c) => c.startsWith('extend'))).toEqual(['extend p1:1000']);

    // Settled entries do not count; with none left, nothing is extended (the lease is released instead).
    book.settled([{ lease: key, id: 'e1' }, { lease: key, id: 'e2' }]);
    at(now + 20_000);
    expect(await book.renew(() => true)).toBe(0);
    expect(await book.release()).toBe(1);
  });

  it('lets a lease expire once the relay has let go of an entry under it, so a sweep takes that entry', async () => {
    const { s, book, key, at, expiry } = await bookWithTwoEntries('dropped');
    at(expiry - 10_000);
    expect(await book.renew((id) => id === 'e1')).toBe(0);
    expect(s.open.get(key)?.expiresAt.getTime()).toBe(expiry);
  });

  it('stops extending a lease once its bucket began longer ago than the renewal limit (a stuck relay)', async () => {
    const { s, book, key, at, expiry } = await bookWithTwoEntries('e2');
    at(expiry - 10_000);
    expect(await book.renew(() => true)).toBe(1);
    // Kept alive while owed, renewal after renewal, up to the limit.
    let renewals = 1;
    for (let now = expiry; now - t0 < LEASE_RENEWAL_LIMIT_MS; now += 5_000) {
      at(now);
      renewals += await book.renew(() => true);
    }
    expect(renewals).toBeGreaterThan(30);
    const last = s.open.get(key)!.expiresAt.getTime();
    at(t0 + LEASE_RENEWAL_LIMIT_MS + 20_000);
    expect(await book.renew(() => true)).toBe(0);
    expect(s.open.get(key)?.expiresAt.getTime()).toBe(last);
  });

  it('ignores settlements of entries under leases it does not hold (another process left them)', async () => {
    const s = recordingStore();
    let now = t0;
    const book = createLeaseBook({ store: s.store, owner: 'p1', leaseMs: 30_000, clock: () => now });
    const key = await book.claim();
    book.stored(key, 'e1');
    book.settled([{ lease: 'p2:1000', id: 'e1' }]);
    now = t0 + LEASE_BUCKET_MS;
    expect(await book.release()).toBe(0);
  });
});
