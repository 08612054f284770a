import { MongoClient, ObjectId } from 'mongodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedMongo } from '../../src/embedded/mongo-server.js';
import { cpuSnapshot } from '../bench/cpu.js';

const dir = mkdtempSync(join(tmpdir(), 'fc-')); (await import('node:fs')).chmodSync(dir, 0o755);
const mongo = await startEmbeddedMongo({ mode: 'ferretdb', ferretdbBackend: 'postgresql', dataDir: dir, ephemeral: true });
const client = await MongoClient.connect(mongo.uri);
const db = client.db('t');
const c = db.collection('inbox');
await c.createIndex({ status: 1, nextAttemptAt: 1 });
await c.createIndex({ dedupeKey: 1 }, { unique: true });
const body = 'x'.repeat(600);
let n = 0;
const mk = () => ({ _id: new ObjectId(), dedupeKey: `k${n++}`, status: 'pending', nextAttemptAt: new Date(), rawBody: body, deliveries: [{ trackingNumber: 'T' + n, state: 'pending' }], updates: [{ trackingNumber: 'T', events: [{ status: 'in_transit', occurredAt: new Date().toISOString() }] }] });
// warm: 20k docs
for (let i = 0; i < 20; i++) { const docs = Array.from({ length: 1000 }, mk); await c.insertMany(docs); await c.updateMany({ status: 'pending' }, { $set: { status: 'relayed' } }); }
async function measure(label: string, count: number, fn: () => Promise<unknown>) {
  const b = cpuSnapshot(); const t = performance.now();
  await fn();
  const ms = performance.now() - t; const a = cpuSnapshot();
  let other = 0; for (const [pid, v] of a) if (pid !== process.pid) other += v.seconds - (b.get(pid)?.seconds ?? 0);
  console.log(`${label}: ${(ms / count).toFixed(3)} ms wall/doc, db CPU ${(other * 1000 / count).toFixed(3)} ms/doc`);
}
const N = 2000;
let docs = Array.from({ length: N }, mk);
await measure('insertMany batches of 10', N, async () => { for (let i = 0; i < N; i += 10) await c.insertMany(docs.slice(i, i + 10), { ordered: false }); });
await measure('bulkWrite updateMany-by-id x25', N, async () => { for (let i = 0; i < N; i += 25) await c.bulkWrite(docs.slice(i, i + 25).map((d) => ({ updateMany: { filter: { _id: d._id }, update: { $set: { status: 'relayed', deliveries: [{ trackingNumber: 'T', orderCode: 'O', state: 'delivered' }], relayedAt: new Date() } } } })), { ordered: false }); });
docs = Array.from({ length: N }, mk);
await c.insertMany(docs);
await measure('updateMany status+_id $in x100', N, async () => { for (let i = 0; i < N; i += 100) await c.updateMany({ status: 'pending', _id: { $in: docs.slice(i, i + 100).map((d) => d._id) } }, { $set: { status: 'relayed', relayedAt: new Date() } }); });
docs = Array.from({ length: N }, mk);
await c.insertMany(docs);
await measure('deleteMany by _id $in x100', N, async () => { for (let i = 0; i < N; i += 100) await c.deleteMany({ _id: { $in: docs.slice(i, i + 100).map((d) => d._id) } }); });
docs = Array.from({ length: N }, mk);
await c.insertMany(docs);
await measure('bulkWrite deleteOne-by-id x25', N, async () => { for (let i = 0; i < N; i += 25) await c.bulkWrite(docs.slice(i, i + 25).map((d) => ({ deleteMany: { filter: { _id: d._id } } })), { ordered: false }); });
const r = db.collection('receipts');
await measure('receipt insertMany x100 small', N, async () => { for (let i = 0; i < N; i += 100) await r.insertMany(docs.slice(i, i + 100).map((d) => ({ _id: d._id, at: new Date(), s: 'relayed' })), { ordered: false }); });
await measure('find _id $in x100 (receipts)', N, async () => { for (let i = 0; i < N; i += 100) await r.find({ _id: { $in: docs.slice(i, i + 100).map((d) => d._id) } }).toArray(); });
await measure('find status pending (few)', 100, async () => { for (let i = 0; i < 100; i++) await c.find({ status: 'pending', nextAttemptAt: { $lte: new Date() } }).limit(500).toArray(); });
await client.close(); await mongo.stop();
