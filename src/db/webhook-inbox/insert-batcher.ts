import { DUPLICATE_KEY, isDuplicateKeyError, readBulkInsertError } from '../bulk-write-outcome.js';
import { StoreUnavailableError } from '../store-unavailable-error.js';

/**
 * Group commit for inbox writes: inserts that arrive within a short window are written with one
 * `insertMany`, so a burst of webhooks costs one round trip (and, on single-writer backends, one write
 * transaction) instead of one each. Every caller still learns its own outcome before it answers, and only
 * an outcome the server confirmed: when a batch fails without saying which documents it wrote, each
 * document is written again on its own (see `insertOne`).
 */
export interface InsertBatcherOptions<D> {
  /** Writes the documents unordered; throws an error carrying `writeErrors` for the ones that failed. */
  insertMany: (docs: D[]) => Promise<unknown>;
  /**
   * Writes one document of a batch whose outcome per document is unknown: resolves 'inserted' when this
   * document is stored (by this call, or by the failed batch before it), 'duplicate' when another document
   * holds its unique key, and throws when the store refuses it.
   */
  insertOne: (doc: D) => Promise<'inserted' | 'duplicate'>;
  /** How long the first insert of a batch waits for company (ms). */
  windowMs: number;
  maxBatch: number;
}

interface Pending<D> {
  doc: D;
  resolve: (outcome: 'inserted' | 'duplicate') => void;
  reject: (err: unknown) => void;
}

export function createInsertBatcher<D>(options: InsertBatcherOptions<D>) {
  let queue: Pending<D>[] = [];
  let timer: NodeJS.Timeout | undefined;

  /**
   * Each document on its own: the only way to learn which of a batch the store took. A failure without a
   * server's answer (connection lost, no server selectable) fails the rest at once instead of waiting out
   * one time-out per document; their callers answer 5xx, and a document the batch did write is still
   * relayed by its lease's sweep.
   */
  async function oneByOne(batch: Pending<D>[]): Promise<void> {
    for (const [i, p] of batch.entries()) {
      try {
        p.resolve(await options.insertOne(p.doc));
      } catch (err) {
        if (!serverAnswered(err)) {
          const unreachable = new StoreUnavailableError(err);
          for (const rest of batch.slice(i)) rest.reject(unreachable);
          return;
        }
        p.reject(err);
      }
    }
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      await options.insertMany(batch.map((p) => p.doc));
      for (const p of batch) p.resolve('inserted');
    } catch (err) {
      const reading = readBulkInsertError(err, batch.length);
      if (!reading.known) {
        if (serverAnswered(err)) await oneByOne(batch);
        else for (const p of batch) p.reject(new StoreUnavailableError(err));
        return;
      }
      batch.forEach((p, index) => {
        if (!reading.failures.has(index)) p.resolve('inserted');
        else if (reading.failures.get(index) === DUPLICATE_KEY) p.resolve('duplicate');
        else p.reject(err);
      });
    }
  }

  return {
    insert(doc: D): Promise<'inserted' | 'duplicate'> {
      return new Promise((resolve, reject) => {
        queue.push({ doc, resolve, reject });
        if (queue.length >= options.maxBatch) void flush();
        else timer ??= setTimeout(() => void flush(), options.windowMs);
      });
    },
  };
}

/** A server's error answer carries a numeric code; a network or server-selection failure does not. */
function serverAnswered(err: unknown): boolean {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'number';
}

/**
 * `insertOne` for documents with their own `_id`: a duplicate-key answer is this document when a document
 * with its `_id` is stored (the failed batch wrote it), else another one holding its unique key.
 */
export async function insertOneKnowingOwnId<D extends { _id: unknown }>(
  insert: (doc: D) => Promise<unknown>,
  exists: (id: D['_id']) => Promise<boolean>,
  doc: D,
): Promise<'inserted' | 'duplicate'> {
  try {
    await insert(doc);
    return 'inserted';
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return (await exists(doc._id)) ? 'inserted' : 'duplicate';
  }
}
