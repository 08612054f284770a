import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded/mongo-server.js';
import { freePort } from '../../src/embedded/free-port.js';
import { findPostgresBinDir, startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/embedded/postgres-server.js';

const { MongoClient } = mongoose.mongo;
type MongoClient = InstanceType<typeof MongoClient>;

const dirs: string[] = [];
const servers: (EmbeddedMongo | EmbeddedPostgres)[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ot-embedded-'));
  chmodSync(dir, 0o711);
  dirs.push(dir);
  return dir;
}

async function withClient<T>(server: EmbeddedMongo, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await fn(await client.connect());
  } finally {
    await client.close();
  }
}

/** A unique index, a write and an equality read: what every repository relies on. */
async function roundTrip(server: EmbeddedMongo): Promise<void> {
  await withClient(server, async (client) => {
    const orders = client.db('embedded').collection('orders');
    await orders.createIndex({ code: 1 }, { unique: true });
    await orders.insertMany([{ code: 'A-1', status: 'in_transit' }, { code: 'A-2', status: 'delivered' }]);
    await expect(orders.insertOne({ code: 'A-1' })).rejects.toThrow(/duplicate key/i);
    expect(await orders.findOne({ code: 'A-2' }, { projection: { _id: 0 } })).toEqual({ code: 'A-2', status: 'delivered' });
  });
}

describe('embedded FerretDB', () => {
  it('runs on SQLite when asked, with no other server', async () => {
    const server = await startEmbeddedMongo({ mode: 'ferretdb', ferretdbBackend: 'sqlite', dataDir: dataDir(), ephemeral: true });
    servers.push(server);
    expect(server.description).toBe('FerretDB on SQLite');
    await roundTrip(server);
  });

  const postgres = findPostgresBinDir();
  it(postgres ? 'runs on PostgreSQL and answers equality filters from an index' : 'names the missing PostgreSQL programs when PostgreSQL is asked for', async () => {
    const start = () => startEmbeddedMongo({ mode: 'ferretdb', ferretdbBackend: 'postgresql', dataDir: dataDir(), ephemeral: true });
    if (!postgres) {
      await expect(start()).rejects.toThrow(/no PostgreSQL server programs/);
      return;
    }
    const server = await start();
    servers.push(server);
    expect(server.description).toMatch(/^FerretDB on PostgreSQL/);
    await roundTrip(server);
    await withClient(server, async (client) => {
      const db = client.db('embedded');
      await db.collection('orders').insertMany(Array.from({ length: 2_000 }, (_, i) => ({ code: `B-${i}`, status: 'in_transit' })));
      // FerretDB's explain carries PostgreSQL's plan: the GIN twin of the { code: 1 } index serves the filter.
      const explained = await db.command({ explain: { find: 'orders', filter: { code: 'B-1234' } } });
      const plan = explained.queryPlanner as { Plan: { 'Node Type': string; Plans?: { 'Node Type': string; 'Index Name'?: string }[] } };
      expect(plan.Plan['Node Type']).toBe('Bitmap Heap Scan');
      expect(plan.Plan.Plans?.[0]).toMatchObject({ 'Node Type': 'Bitmap Index Scan', 'Index Name': expect.stringMatching(/^orders_\w+_code_\w+_gin$/) });
      expect(await db.collection('orders').countDocuments({ code: 'B-1234' })).toBe(1);
    });
  });

  // FerretDB 1.24 holds an update's query connection while its write takes a second one; with its default pool
  // of 50 connections, 50 updates in flight each held one and waited for another: every client stalled
  // (tools/ferretdb-server/main.go sizes the pool to the cluster's connections). 150 in flight here.
  it('keeps answering with more updates in flight than FerretDB\'s default pool, beside multi-document inserts', async () => {
    const server = await startEmbeddedMongo({ mode: 'ferretdb', ferretdbBackend: postgres ? 'postgresql' : 'sqlite', dataDir: dataDir(), ephemeral: true });
    servers.push(server);
    const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5_000, maxPoolSize: 200 });
    try {
      const db = (await client.connect()).db('embedded');
      // One document per updater: FerretDB 1.x applies an update as read, then write, so concurrent updates of
      // one document can overwrite each other (a real mongod's cannot); that is not what this test is about.
      await db.collection('counters').insertMany(Array.from({ length: 150 }, (_, i) => ({ code: `C-${i}`, n: 0 })));
      await db.collection('counters').createIndex({ code: 1 });
      const updaters = Array.from({ length: 150 }, async (_, i) => {
        for (let k = 0; k < 20; k++) await db.collection('counters').updateOne({ code: `C-${i}` }, { $inc: { n: 1 } });
      });
      const inserters = Array.from({ length: 10 }, async (_, i) => {
        for (let k = 0; k < 20; k++) await db.collection('events').insertMany([{ i, k, part: 1 }, { i, k, part: 2 }]);
      });
      await Promise.all([...updaters, ...inserters]);
      const counted = await db.collection('counters').find({}).toArray();
      expect(counted.map((c) => c.n)).toEqual(Array.from({ length: 150 }, () => 20));
      expect(await db.collection('events').countDocuments({})).toBe(400);
    } finally {
      await client.close();
    }
  }, 120_000);

  // Never skipped: with PostgreSQL's programs the setting is asked of a running cluster with psql (which the
  // distributions ship beside them); without them, `auto` runs FerretDB on SQLite, which has no ANALYZE to tune.
  it(postgres ? 'samples 3,000 rows per ANALYZE, so autovacuum after a burst does not take a core from the API' : 'runs FerretDB on SQLite in auto mode when PostgreSQL is not installed', async () => {
    if (!postgres) {
      const server = await startEmbeddedMongo({ mode: 'ferretdb', ferretdbBackend: 'auto', dataDir: dataDir(), ephemeral: true });
      servers.push(server);
      expect(server.description).toBe('FerretDB on SQLite');
      return;
    }
    const psql = join(postgres, 'psql');
    if (!existsSync(psql)) throw new Error(`no psql beside the PostgreSQL server programs in ${postgres}: install the PostgreSQL client package`);
    const cluster = await startEmbeddedPostgres({ binDir: postgres!, dataDir: join(dataDir(), 'pg'), port: await freePort(), ephemeral: true });
    servers.push(cluster);
    expect(execFileSync(psql, ['-d', cluster.url, '-Atc', 'show default_statistics_target'], { encoding: 'utf8' }).trim()).toBe('10');
  });
});
