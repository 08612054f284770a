import type { RelayInbox } from './relay-inbox.js';
import type { RelayItem } from './relay-item.js';
import { RELAY_LEASE_MS, SWEEP_LIMIT } from './relay-policy.js';
import type { RelayQueue } from './relay-queue.js';
import type { DeliverBatch } from './batch-delivery.js';

/**
 * The relay's sweep: failed relays whose retry is due, and, once per half lease, what dead processes left:
 * the unrelayed entries of leases past their expiry (and v0.3 entries whose lease expired). Entries this
 * relay holds are never taken twice.
 */
export function createLeaseSweep(deps: {
  inbox: Pick<RelayInbox, 'due' | 'expiredLeases' | 'unrelayed' | 'closeLease'>;
  queue: RelayQueue;
  deliverBatch: DeliverBatch;
  /** Starts the pumps (set-aside entries a read-back could not take get another try). */
  pump: () => void;
  now: () => Date;
  batchSize: number;
  onReleased?: (ids: string[]) => void;
}) {
  const { queue } = deps;
  let lastLeaseSweep = Number.NEGATIVE_INFINITY;

  /** One sweep; returns how many entries were relayed (or settled as unmatched or closed). */
  return async function sweep(limit = SWEEP_LIMIT): Promise<number> {
    if (queue.hasSetAside()) deps.pump();
    const now = deps.now();
    let relayed = 0;
    const relayAll = async (entries: RelayItem[]) => {
      for (let i = 0; i < entries.length; i += deps.batchSize) {
        relayed += (await deps.deliverBatch(entries.slice(i, i + deps.batchSize))).filter((s) => s !== 'retry').length;
      }
    };
    await relayAll(await deps.inbox.due('retry', now, limit));
    if (now.getTime() - lastLeaseSweep < RELAY_LEASE_MS / 2) return relayed;
    lastLeaseSweep = now.getTime();
    await relayAll((await deps.inbox.due('pending', now, limit)).filter((e) => !queue.isHeld(e.id)));
    for (const lease of await deps.inbox.expiredLeases(now)) {
      const owed = (await deps.inbox.unrelayed(lease.key)).filter((e) => !queue.isHeld(e.id));
      // Set-aside entries whose lease expired before they were read back: this sweep relays them.
      const wereSetAside = queue.unsetAside(lease.key, owed.map((e) => e.id));
      await relayAll(owed);
      if (wereSetAside.length > 0) deps.onReleased?.(wereSetAside);
      // This process's own lease closes once every entry is settled (the inbox's releaseLeases), another's now.
      if (!lease.own) await deps.inbox.closeLease(lease.key);
    }
    return relayed;
  };
}
