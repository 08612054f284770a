import type { Logger } from '../../observability/logger.js';
import type { RelayInbox } from './relay-inbox.js';
import { toRelayItem, type RelayItem } from './relay-item.js';
import { DROP_WARNING_INTERVAL_MS } from './relay-policy.js';
import type { LeasedId } from './relay-types.js';

/**
 * The relay's queue: fresh entries in memory up to `maxQueued`; beyond that their ids are set aside (by
 * lease, up to `maxSetAside`) and read back from the inbox as the queue drains; beyond that too they are
 * released to the lease sweep. Knows what the relay owes; the pumps (relay-pumps.ts) drain it.
 */
export function createRelayQueue(deps: {
  inbox: Pick<RelayInbox, 'unrelayed'>;
  logger: Logger;
  maxQueued: number;
  maxSetAside: number;
  onReleased?: (ids: string[]) => void;
}) {
  const { maxQueued, maxSetAside } = deps;
  const items: RelayItem[] = [];
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
  let droppedSinceWarning = 0;
  let lastDropWarning = Number.NEGATIVE_INFINITY;

  /** Forgets set-aside entries (read back, or taken by a sweep); returns those it held. */
  function unsetAside(lease: string, ids: Iterable<string>): string[] {
    const set = setAside.get(lease);
    if (!set) return [];
    const removed: string[] = [];
    for (const id of ids) if (set.delete(id)) removed.push(id);
    if (set.size === 0) setAside.delete(lease);
    return removed;
  }

  /** Keeps ids to read back (within `maxSetAside`); returns the ids it could not keep. */
  function setAsideIds(leased: LeasedId[]): string[] {
    const left: string[] = [];
    let room = maxSetAside - setAsideCount();
    for (const { id, lease } of leased) {
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

  function push(taken: RelayItem[]): void {
    for (const item of taken) {
      held.add(item.id);
      items.push(toRelayItem(item));
    }
  }

  /**
   * Reads entries a full queue left in the inbox back into the queue, as many as there is room for, oldest
   * lease first (one indexed read of the lease's unrelayed entries per lease). Set-aside entries the read
   * does not return were relayed meanwhile (by a sweep) and are forgotten. One read-back at a time.
   */
  function readBack(): Promise<void> {
    const run = async () => {
      for (const [lease, ids] of [...setAside]) {
        const room = maxQueued - items.length;
        if (room <= 0) break;
        const owed = (await deps.inbox.unrelayed(lease)).filter((e) => ids.has(e.id));
        const owedIds = new Set(owed.map((e) => e.id));
        const gone = unsetAside(lease, [...ids].filter((id) => !owedIds.has(id)));
        if (gone.length > 0) deps.onReleased?.(gone);
        const taken = owed.filter((e) => !held.has(e.id)).slice(0, room);
        unsetAside(lease, taken.map((e) => e.id));
        push(taken);
      }
    };
    readingBack ??= run()
      .catch((err: unknown) => deps.logger.warn('reading set-aside webhooks back failed; retried at the next sweep', { setAside: setAsideCount(), err }))
      .finally(() => (readingBack = undefined));
    return readingBack;
  }

  /** Under overload every webhook would log a line: one warning per interval, with the count since. */
  function warnDropped(count: number): void {
    droppedSinceWarning += count;
    const at = Date.now();
    if (at - lastDropWarning < DROP_WARNING_INTERVAL_MS) return;
    deps.logger.warn('webhook relay queue full; the rest wait in the inbox and are read back as it drains', { dropped: droppedSinceWarning, setAside: setAsideCount(), maxQueued });
    droppedSinceWarning = 0;
    lastDropWarning = at;
  }

  return {
    /** Queues fresh entries as far as there is room; the rest are set aside or released to the sweep. */
    enqueue(entries: RelayItem[]): void {
      const room = maxQueued - items.length;
      const taken = entries.slice(0, Math.max(room, 0));
      // The rest stay this relay's to read back, as far as it keeps ids; beyond that a lease sweep takes them.
      const leased: LeasedId[] = [];
      const released: string[] = [];
      for (const e of entries.slice(taken.length)) {
        if (held.has(e.id)) continue;
        if (e.lease && e.status === 'pending') leased.push({ id: e.id, lease: e.lease });
        else released.push(e.id);
      }
      released.push(...setAsideIds(leased));
      if (released.length > 0) deps.onReleased?.(released);
      if (room < entries.length) warnDropped(entries.length - Math.max(room, 0));
      push(taken);
    },

    /** Sets aside entries another relay held (ids beyond `maxSetAside` are released to the lease sweep). */
    adopt(leased: LeasedId[]): void {
      const left = setAsideIds(leased.filter((i) => !held.has(i.id)));
      if (left.length > 0) deps.onReleased?.(left);
    },

    /** Takes up to `n` queued items for a batch (they stay held until `done`). */
    take: (n: number): RelayItem[] => items.splice(0, n),
    /** A batch left this relay's hands (relayed, or failed back to the inbox). */
    done(batch: RelayItem[]): void {
      batch.forEach((e) => held.delete(e.id));
      deps.onReleased?.(batch.map((e) => e.id));
    },
    queued: () => items.length,
    hasSetAside: () => setAside.size > 0,
    isHeld: (id: string) => held.has(id),
    readBack,
    unsetAside,
    backlog: () => held.size + setAsideCount(),
    owes(id: string): boolean {
      if (held.has(id)) return true;
      for (const ids of setAside.values()) if (ids.has(id)) return true;
      return false;
    },
    maxQueued,
  };
}

export type RelayQueue = ReturnType<typeof createRelayQueue>;
