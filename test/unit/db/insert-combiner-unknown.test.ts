import { describe, expect, it } from 'vitest';
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
