import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCombined } from '../../src/db/insert-combiner.js';
import { useTestConnection } from '../support/test-connection.js';

const { MongoClient } = mongoose.mongo;

const db = useTestConnection('insert_combiner');
let client: InstanceType<typeof MongoClient>;
/** Insert commands the server received, with their document counts. */
const inserts: { collection: string; documents: number }[] = [];

beforeAll(async () => {
  // A client of its own, with command monitoring: what reaches the server is what the test counts.
  client = new MongoClient(`mongodb://${db().host}:${db().port}/${db().name}`, { monitorCommands: true });
  client.on('commandStarted', (event) => {
    if (event.commandName === 'insert') inserts.push({ collection: String(event.command.insert), documents: (event.command.documents as unknown[]).length });
  });
  await client.connect();
});
afterAll(async () => {
  await client.close();
});

const collection = (name: string) => client.db(db().name).collection(name);

describe('insertCombined', () => {
  it('writes concurrent callers\' documents in fewer inserts, and every document is stored', async () => {
    const target = collection('combined');
    inserts.length = 0;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => insertCombined(client, target, [{ _id: `doc-${i}` as never, i }])));
    expect(results.every((skipped) => skipped.size === 0)).toBe(true);
    expect(await target.countDocuments({})).toBe(40);
    const sent = inserts.filter((c) => c.collection === 'combined');
    expect(sent.reduce((sum, c) => sum + c.documents, 0)).toBe(40);
    // Two go at once while the others queue; the rest follow in a few inserts.
    expect(sent.length).toBeLessThanOrEqual(4);
  });

  it('tells each caller which of its own documents were already there', async () => {
    const target = collection('duplicates');
    await target.insertMany([{ _id: 'x' as never }, { _id: 'z' as never }]);
    const [a, b, c] = await Promise.all([
      insertCombined(client, target, [{ _id: 'w' as never }, { _id: 'x' as never }]),
      insertCombined(client, target, [{ _id: 'y' as never }]),
      insertCombined(client, target, [{ _id: 'z' as never }, { _id: 'v' as never }, { _id: 'w' as never }]),
    ]);
    expect([...a]).toEqual([1]);
    expect([...b]).toEqual([]);
    // `w` was the first caller's, written in the same insert: a duplicate to the third.
    expect([...c].sort()).toEqual([0, 2]);
    expect((await target.find({}).toArray()).map((d) => d._id).sort()).toEqual(['v', 'w', 'x', 'y', 'z']);
  });

  it('rejects only the caller whose document the server refused for another reason', async () => {
    const target = collection('refused');
    // An array is no valid _id: a refusal that is not a duplicate.
    const outcomes = await Promise.allSettled([
      insertCombined(client, target, [{ _id: 'fine-1' as never }]),
      insertCombined(client, target, [{ _id: ['not', 'an', 'id'] as never }]),
      insertCombined(client, target, [{ _id: 'fine-2' as never }]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The refusal as its caller's own: its document's position among its own documents, the server's code.
    const refusal = (outcomes[1] as PromiseRejectedResult).reason as Error & { code?: number; refused?: { index: number; code?: number }[] };
    expect(refusal.message).toMatch(/^insert refused document 0 of 1: /);
    expect(refusal.refused).toEqual([{ index: 0, code: refusal.code }]);
    expect(typeof refusal.code).toBe('number');
    expect((await target.find({}).toArray()).map((d) => d._id).sort()).toEqual(['fine-1', 'fine-2']);
  });

  it('keeps the callers of different collections apart', async () => {
    const [one, two] = [collection('apart_one'), collection('apart_two')];
    await Promise.all([insertCombined(client, one, [{ k: 1 }]), insertCombined(client, two, [{ k: 2 }]), insertCombined(client, one, [{ k: 3 }])]);
    expect((await one.find({}, { projection: { _id: 0 } }).toArray()).map((d) => d.k).sort()).toEqual([1, 3]);
    expect((await two.find({}, { projection: { _id: 0 } }).toArray()).map((d) => d.k)).toEqual([2]);
  });
});
