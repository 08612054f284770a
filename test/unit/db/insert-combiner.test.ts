import { describe, expect, it, vi } from 'vitest';
import { insertCombined, type InsertTarget } from '../../../src/db/insert-combiner.js';

/**
 * A store that answers a combined insert with an error naming no document (as a write-concern error does),
 * and single-document inserts as a store holding `existing` would. The real-server cases are in
 * test/integration/insert-combiner.test.ts; this one cannot be provoked on a healthy server.
 */
function unclearStore(existing: Set<string>) {
  const calls: string[][] = [];
  const target: InsertTarget = {
    collectionName: 'unclear',
    async insertMany(docs) {
      const ids = docs.map((d) => (d as { _id: string })._id);
      calls.push(ids);
      if (ids.length > 1) throw Object.assign(new Error('write concern timed out'), { code: 64, writeConcernError: { code: 64 } });
      if (existing.has(ids[0]!)) throw Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
      existing.add(ids[0]!);
    },
  };
  return { target, calls };
}

describe('insertCombined when the server does not say which documents it took', () => {
  it('has each caller write its own documents again, alone, and report its own duplicates', async () => {
    const { target, calls } = unclearStore(new Set(['b']));
    const owner = {};
    const [one, two] = await Promise.all([insertCombined(owner, target, [{ _id: 'a' }]), insertCombined(owner, target, [{ _id: 'b' }])]);
    expect(calls[0]).toEqual(['a', 'b']);
    expect(calls.slice(1).sort()).toEqual([['a'], ['b']]);
    expect([...one]).toEqual([]);
    expect([...two]).toEqual([0]);
  });
});

describe('insertCombined when the server does not answer', () => {
  it('tells the waiting callers after the time-out and frees the collection for later writers', async () => {
    vi.useFakeTimers();
    try {
      let answering = false;
      const calls: unknown[][] = [];
      const target: InsertTarget = {
        collectionName: 'hung',
        insertMany(docs) {
          calls.push(docs.map((d) => (d as { _id: string })._id));
          return answering ? Promise.resolve() : new Promise(() => {});
        },
      };
      const owner = {};
      const outcome = (p: Promise<Set<number>>) => p.then(() => 'stored', (err: Error) => err.message);
      // One turn: one combined insert; the next turn's caller takes the second slot. Neither is answered.
      const first = outcome(insertCombined(owner, target, [{ _id: 'a' }]));
      const second = outcome(insertCombined(owner, target, [{ _id: 'b' }]));
      await vi.advanceTimersByTimeAsync(0);
      const third = outcome(insertCombined(owner, target, [{ _id: 'c' }]));
      await vi.advanceTimersByTimeAsync(0);
      // Both slots taken: this one waits behind them.
      const fourth = outcome(insertCombined(owner, target, [{ _id: 'd' }]));
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toEqual([['a', 'b'], ['c']]);
      answering = true;
      await vi.advanceTimersByTimeAsync(20_000);
      const timedOut = expect.stringMatching(/not answered within 20000 ms/);
      // Not written again by the combiner (whether the server took them is not known): their callers retry.
      expect(await Promise.all([first, second, third])).toEqual([timedOut, timedOut, timedOut]);
      expect(await fourth).toBe('stored');
      expect(calls).toEqual([['a', 'b'], ['c'], ['d']]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('insertCombined with many documents waiting', () => {
  it('sends at most 200 documents per insert (a caller with more in one of its own), callers kept whole and in order', async () => {
    const sizes: number[] = [];
    const target: InsertTarget = {
      collectionName: 'split',
      async insertMany(docs) {
        sizes.push(docs.length);
      },
    };
    const owner = {};
    const docs = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));
    const results = await Promise.all([insertCombined(owner, target, docs(150)), insertCombined(owner, target, docs(100)), insertCombined(owner, target, docs(10)), insertCombined(owner, target, docs(250))]);
    expect(results.every((skipped) => skipped.size === 0)).toBe(true);
    // 150 alone (100 more would pass 200), then 100 + 10 in the second slot, then the 250 once a slot is free.
    expect(sizes).toEqual([150, 110, 250]);
  });
});
