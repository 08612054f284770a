import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '../connection.js';

export const FOLD_LEASES = 'report_fold_leases';

/**
 * Which process folds the report rollup now: time is cut into slots of `slotMs`, and the first process to
 * insert a slot's document (a unique `_id`, the one write FerretDB 1.x keeps exact under concurrency)
 * folds during it; the others skip their rounds. A holder that dies frees the work at the next slot. A
 * round that overruns its slot may meet the next slot's holder: harmless, folds are idempotent (the
 * lease saves work, it does not guard correctness). A process that lost a slot asks again only once it
 * is over (the holder's lease ends with it), not every round.
 */
export function createFoldLease(connection: Connection, options: { owner: string; slotMs: number; clock?: () => number }) {
  const clock = options.clock ?? Date.now;
  const leases = () => connection.db!.collection<{ _id: string; owner: string; at: Date }>(FOLD_LEASES);
  let held: number | undefined;
  // The slot another process was found to hold: no insert or read until it is over.
  let lost: number | undefined;

  return {
    /** Whether this process holds the current slot (taking it if it is free). */
    async holds(): Promise<boolean> {
      const slot = Math.floor(clock() / options.slotMs);
      if (held === slot) return true;
      if (lost === slot) return false;
      try {
        await leases().insertOne({ _id: `slot:${slot}`, owner: options.owner, at: new Date(clock()) });
        held = slot;
        // Slots two back are over for everyone: keep the collection at a few documents.
        await leases().deleteOne({ _id: `slot:${slot - 2}` });
        return true;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const doc = await leases().findOne({ _id: `slot:${slot}` });
        if (doc?.owner === options.owner) held = slot;
        // Lost only to a holder seen: a slot document gone in between (deleted by a process whose clock runs
        // ahead) is asked for again next round instead of leaving the slot without a folder.
        else if (doc) lost = slot;
        return doc?.owner === options.owner;
      }
    },
  };
}
