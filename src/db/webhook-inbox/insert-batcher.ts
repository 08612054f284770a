/**
 * Group commit for inbox writes: inserts that arrive within a short window are written with one
 * `insertMany`, so a burst of webhooks costs one round trip (and, on single-writer backends, one write
 * transaction) instead of one each. Every caller still learns its own outcome before it answers.
 */
export interface InsertBatcherOptions<D> {
  /** Writes the documents unordered; throws an error carrying `writeErrors` for the ones that failed. */
  insertMany: (docs: D[]) => Promise<unknown>;
  /** How long the first insert of a batch waits for company (ms). */
  windowMs: number;
  maxBatch: number;
}

interface Pending<D> {
  doc: D;
  resolve: (outcome: 'inserted' | 'duplicate') => void;
  reject: (err: unknown) => void;
}

interface WriteError {
  index?: number;
  code?: number;
  err?: { index?: number; code?: number };
}

export function createInsertBatcher<D>(options: InsertBatcherOptions<D>) {
  let queue: Pending<D>[] = [];
  let timer: NodeJS.Timeout | undefined;

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
      const writeErrors = (err as { writeErrors?: WriteError[] }).writeErrors;
      if (!Array.isArray(writeErrors)) {
        for (const p of batch) p.reject(err);
        return;
      }
      const failed = new Map<number, number | undefined>();
      for (const e of writeErrors) failed.set(e.index ?? e.err?.index ?? -1, e.code ?? e.err?.code);
      batch.forEach((p, index) => {
        if (!failed.has(index)) p.resolve('inserted');
        else if (failed.get(index) === 11000) p.resolve('duplicate');
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
