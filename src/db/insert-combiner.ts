import { DUPLICATE_KEY, readBulkInsertError } from './bulk-write-outcome.js';
import { insertIgnoringDuplicates } from './connection.js';

/** A collection as both mongoose's and the driver's expose it: what the combiner writes through. */
export interface InsertTarget {
  collectionName: string;
  insertMany(docs: object[], options: { ordered: false }): Promise<unknown>;
}

interface Waiting {
  docs: object[];
  resolve: (skipped: Set<number>) => void;
  reject: (err: unknown) => void;
}

/** Inserts of one collection in flight at once; the callers that come meanwhile wait and go together. */
const MAX_IN_FLIGHT = 2;
/** Documents per combined insert (a bigger queue goes in several). */
const MAX_DOCS = 200;

/**
 * Concurrent callers' inserts into one collection, written with one unordered `insertMany`. A server
 * spends most of an insert's cost per command, not per document (FerretDB on PostgreSQL: ~1.0 ms of CPU
 * for a one-document insert, ~0.15 ms per document in an insert of twenty), and the read-model writes of
 * many carrier events run side by side, each inserting one or two documents into the same collections.
 * Nothing waits for company: an insert goes at once while fewer than MAX_IN_FLIGHT are in flight, so an
 * idle service writes as before and a busy one in fewer commands.
 *
 * Every caller learns the outcome of its own documents, as `insertIgnoringDuplicates` reports it: the
 * positions refused as duplicates, or the error when one of its documents was refused otherwise (the
 * others' callers are unaffected: the insert is unordered). When the server's error does not say which
 * documents it refused, each caller writes its documents again on its own, as after a lost answer.
 */
function createCombiner(target: InsertTarget) {
  const waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function write(batch: Waiting[]): Promise<void> {
    const docs = batch.flatMap((w) => w.docs);
    try {
      await target.insertMany(docs, { ordered: false });
      for (const w of batch) w.resolve(new Set());
      return;
    } catch (err) {
      const reading = readBulkInsertError(err, docs.length);
      if (!reading.known) {
        // Which documents the server took is not known: each caller finds out with its own documents alone.
        await Promise.all(batch.map((w) => insertIgnoringDuplicates((d) => target.insertMany(d, { ordered: false }), w.docs).then(w.resolve, w.reject)));
        return;
      }
      let offset = 0;
      for (const w of batch) {
        const skipped = new Set<number>();
        let refused = false;
        for (let i = 0; i < w.docs.length; i++) {
          if (!reading.failures.has(offset + i)) continue;
          if (reading.failures.get(offset + i) === DUPLICATE_KEY) skipped.add(i);
          else refused = true;
        }
        offset += w.docs.length;
        if (refused) w.reject(err);
        else w.resolve(skipped);
      }
    }
  }

  /** Sends what waits, in inserts of up to MAX_DOCS, while slots are free; each ending frees one for the rest. */
  function pump(): void {
    scheduled = false;
    while (inFlight < MAX_IN_FLIGHT && waiting.length > 0) {
      const batch: Waiting[] = [];
      let size = 0;
      while (waiting.length > 0 && (batch.length === 0 || size + waiting[0]!.docs.length <= MAX_DOCS)) {
        const next = waiting.shift()!;
        batch.push(next);
        size += next.docs.length;
      }
      inFlight++;
      void write(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return (docs: object[]): Promise<Set<number>> =>
    new Promise((resolve, reject) => {
      waiting.push({ docs, resolve, reject });
      // The callers of this turn of the event loop go together: a read-model write inserts into several
      // collections at once, and many of them finish their reads in the same turn.
      if (!scheduled && inFlight < MAX_IN_FLIGHT) {
        scheduled = true;
        setImmediate(pump);
      }
    });
}

const combiners = new WeakMap<object, Map<string, ReturnType<typeof createCombiner>>>();

/**
 * Inserts `docs` into `target` (of the database `owner` stands for: the connection or its Db) together with
 * other callers' concurrent inserts into the same collection; resolves with the positions of the documents
 * already there (same unique key), like `insertIgnoringDuplicates`.
 */
export function insertCombined(owner: object, target: InsertTarget, docs: object[]): Promise<Set<number>> {
  if (docs.length === 0) return Promise.resolve(new Set());
  let byName = combiners.get(owner);
  if (!byName) combiners.set(owner, (byName = new Map()));
  let combiner = byName.get(target.collectionName);
  if (!combiner) byName.set(target.collectionName, (combiner = createCombiner(target)));
  return combiner(docs);
}
