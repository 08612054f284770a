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
 * How long a combined insert may take before its callers are told it failed and its slot is freed. Without
 * it one insert the server never answers would hold every later writer of the collection, a retry of the
 * same write included, behind it. The insert may still land: the callers' retries then find their
 * documents there, as after any lost answer.
 */
const INSERT_TIMEOUT_MS = 20_000;

/**
 * Concurrent callers' inserts into one collection, written with one unordered `insertMany`. A server
 * spends most of an insert's cost per command, not per document (FerretDB on PostgreSQL: ~1.0 ms of CPU
 * for a one-document insert, ~0.15 ms per document in an insert of twenty), and the read-model writes of
 * many carrier events run side by side, each inserting one or two documents into the same collections.
 * Nothing waits for company: an insert goes in the event loop's next check phase (with the callers of the
 * same turn) while fewer than MAX_IN_FLIGHT are in flight, so an idle service writes as before and a busy
 * one in fewer commands.
 *
 * Every caller learns the outcome of its own documents, as `insertIgnoringDuplicates` reports it: the
 * positions refused as duplicates, or the error when one of its documents was refused otherwise (the
 * others' callers are unaffected: the insert is unordered). When the server's error does not say which
 * documents it refused, each caller writes its documents again on its own, one caller after the other
 * (such an error often means an overloaded server), as after a lost answer.
 */
function createCombiner(target: InsertTarget) {
  const waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function write(batch: Waiting[]): Promise<void> {
    const docs = batch.flatMap((w) => w.docs);
    try {
      await withTimeout(target.insertMany(docs, { ordered: false }), target.collectionName);
      for (const w of batch) w.resolve(new Set());
      return;
    } catch (err) {
      // Not answered: whether the server took the documents is unknown to it as well; the callers retry.
      if (err instanceof InsertTimeoutError) {
        for (const w of batch) w.reject(err);
        return;
      }
      const reading = readBulkInsertError(err, docs.length);
      if (!reading.known) {
        // Which documents the server took is not known: each caller finds out with its own documents alone.
        for (const w of batch) {
          await withTimeout(insertIgnoringDuplicates((d) => target.insertMany(d, { ordered: false }), w.docs), target.collectionName).then(w.resolve, w.reject);
        }
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
        if (refused) w.reject(ownRefusal(err, w.docs.length, offset - w.docs.length, reading.failures));
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

class InsertTimeoutError extends Error {
  constructor(collection: string) {
    super(`insert into ${collection} not answered within ${INSERT_TIMEOUT_MS} ms`);
    this.name = 'InsertTimeoutError';
  }
}

/** `work`, or a rejection once INSERT_TIMEOUT_MS have passed without its answer. */
function withTimeout<T>(work: Promise<T>, collection: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InsertTimeoutError(collection)), INSERT_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The error one caller gets when the server refused one of its documents for a reason other than a
 * duplicate: the refusal's code and its own positions (the combined insert's error, kept as `cause`,
 * numbers every caller's documents together).
 */
function ownRefusal(err: unknown, count: number, offset: number, failures: ReadonlyMap<number, number | undefined>): Error {
  const own = [...failures].filter(([i]) => i >= offset && i < offset + count).map(([i, code]) => ({ index: i - offset, code }));
  const first = own.find((f) => f.code !== DUPLICATE_KEY);
  const message = err instanceof Error ? err.message : String(err);
  return Object.assign(new Error(`insert refused document ${first?.index} of ${count}: ${message}`, { cause: err }), { code: first?.code, refused: own });
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
