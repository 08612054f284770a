import { describe, expect, it } from 'vitest';
import { createInsertBatcher } from '../../../src/db/webhook-inbox/insert-batcher.js';

/** A bulk-write error shaped like the MongoDB driver's: per-document failures by index. */
const bulkError = (failures: { index: number; code: number }[], extra: object = {}) =>
  Object.assign(new Error('bulk write failed'), { code: failures[0]?.code ?? 1, writeErrors: failures, ...extra });

/** Per-document writes that fail for documents named "refused" and find "stored" ones already there. */
const insertOne = async (doc: string): Promise<'inserted' | 'duplicate'> => {
  if (doc.startsWith('refused')) throw Object.assign(new Error('refused'), { code: 2 });
  return doc.startsWith('taken') ? 'duplicate' : 'inserted';
};

describe('inbox insert batcher (group commit)', () => {
  it('writes inserts that arrive together in one call, each caller getting its own outcome', async () => {
    const calls: string[][] = [];
    const batcher = createInsertBatcher<string>({
      insertMany: async (docs) => {
        calls.push(docs);
        if (docs.includes('dup')) throw bulkError([{ index: docs.indexOf('dup'), code: 11000 }]);
      },
      insertOne,
      windowMs: 5,
      maxBatch: 100,
    });
    const outcomes = await Promise.all(['a', 'dup', 'b'].map((d) => batcher.insert(d)));
    expect(calls).toEqual([['a', 'dup', 'b']]);
    expect(outcomes).toEqual(['inserted', 'duplicate', 'inserted']);
  });

  it('flushes at maxBatch without waiting for the window', async () => {
    const sizes: number[] = [];
    const batcher = createInsertBatcher<number>({ insertMany: async (docs) => void sizes.push(docs.length), insertOne: async () => 'inserted', windowMs: 60_000, maxBatch: 3 });
    await Promise.all([1, 2, 3].map((d) => batcher.insert(d)));
    expect(sizes).toEqual([3]);
  });

  it('rejects only the documents that failed for another reason when the error names them', async () => {
    const partial = createInsertBatcher<string>({
      insertMany: async () => {
        throw bulkError([{ index: 1, code: 121 }]);
      },
      insertOne: async () => {
        throw new Error('not asked: the error named every failure');
      },
      windowMs: 1,
      maxBatch: 10,
    });
    const results = await Promise.allSettled(['ok', 'invalid'].map((d) => partial.insert(d)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });

  it.each([
    ['an empty writeErrors list (FerretDB refusing one document)', () => bulkError([])],
    ['no writeErrors at all', () => Object.assign(new Error('insert failed'), { code: 1 })],
    ['a write-concern error beside named failures', () => bulkError([{ index: 0, code: 11000 }], { writeConcernError: { code: 64, errmsg: 'waiting for replication timed out' } })],
    ['an index outside the batch', () => bulkError([{ index: 7, code: 11000 }])],
  ])('tries each document on its own when the batch failed with %s, so no caller is told "inserted" for nothing', async (_name, error) => {
    const perDocument: string[] = [];
    const batcher = createInsertBatcher<string>({
      insertMany: async () => {
        throw error();
      },
      insertOne: async (doc) => {
        perDocument.push(doc);
        return insertOne(doc);
      },
      windowMs: 1,
      maxBatch: 10,
    });
    const results = await Promise.allSettled(['a', 'refused-nul', 'taken', 'b'].map((d) => batcher.insert(d)));
    expect(perDocument).toEqual(['a', 'refused-nul', 'taken', 'b']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual(['inserted', 'rejected', 'duplicate', 'inserted']);
  });

  it('fails the whole batch at once when the server never answered (no per-document time-outs)', async () => {
    let perDocument = 0;
    const down = createInsertBatcher<string>({
      insertMany: async () => {
        throw new Error('connection closed');
      },
      insertOne: async () => {
        perDocument += 1;
        return 'inserted';
      },
      windowMs: 1,
      maxBatch: 10,
    });
    const failed = await Promise.allSettled(['x', 'y'].map((d) => down.insert(d)));
    expect(failed.every((r) => r.status === 'rejected' && (r.reason as Error).name === 'StoreUnavailableError')).toBe(true);
    expect(perDocument).toBe(0);
  });

  it('stops writing one by one once a document\'s write gets no answer, failing the rest', async () => {
    const attempted: string[] = [];
    const batcher = createInsertBatcher<string>({
      insertMany: async () => {
        throw bulkError([]);
      },
      insertOne: async (doc) => {
        attempted.push(doc);
        if (doc === 'lost') throw new Error('connection reset');
        return 'inserted';
      },
      windowMs: 1,
      maxBatch: 10,
    });
    const results = await Promise.allSettled(['a', 'lost', 'c'].map((d) => batcher.insert(d)));
    expect(attempted).toEqual(['a', 'lost']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
  });
});
