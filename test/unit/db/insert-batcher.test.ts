import { describe, expect, it } from 'vitest';
import { createInsertBatcher } from '../../../src/db/webhook-inbox/insert-batcher.js';

/** A bulk-write error shaped like the MongoDB driver's: per-document failures by index. */
const bulkError = (failures: { index: number; code: number }[]) => Object.assign(new Error('bulk write failed'), { writeErrors: failures });

describe('inbox insert batcher (group commit)', () => {
  it('writes inserts that arrive together in one call, each caller getting its own outcome', async () => {
    const calls: string[][] = [];
    const batcher = createInsertBatcher<string>({
      insertMany: async (docs) => {
        calls.push(docs);
        if (docs.includes('dup')) throw bulkError([{ index: docs.indexOf('dup'), code: 11000 }]);
      },
      windowMs: 5,
      maxBatch: 100,
    });
    const outcomes = await Promise.all(['a', 'dup', 'b'].map((d) => batcher.insert(d)));
    expect(calls).toEqual([['a', 'dup', 'b']]);
    expect(outcomes).toEqual(['inserted', 'duplicate', 'inserted']);
  });

  it('flushes at maxBatch without waiting for the window', async () => {
    const sizes: number[] = [];
    const batcher = createInsertBatcher<number>({ insertMany: async (docs) => void sizes.push(docs.length), windowMs: 60_000, maxBatch: 3 });
    await Promise.all([1, 2, 3].map((d) => batcher.insert(d)));
    expect(sizes).toEqual([3]);
  });

  it('rejects only the documents that failed for another reason, and all of them when the write itself fails', async () => {
    const partial = createInsertBatcher<string>({
      insertMany: async () => {
        throw bulkError([{ index: 1, code: 121 }]);
      },
      windowMs: 1,
      maxBatch: 10,
    });
    const results = await Promise.allSettled(['ok', 'invalid'].map((d) => partial.insert(d)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);

    const down = createInsertBatcher<string>({
      insertMany: async () => {
        throw new Error('connection closed');
      },
      windowMs: 1,
      maxBatch: 10,
    });
    const failed = await Promise.allSettled(['x', 'y'].map((d) => down.insert(d)));
    expect(failed.every((r) => r.status === 'rejected')).toBe(true);
  });
});
