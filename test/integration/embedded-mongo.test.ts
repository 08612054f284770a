import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

  // FerretDB 1.24 holds one pooled PostgreSQL connection for an update's query while it takes a second for the
  // UPDATE (see poolURL in tools/ferretdb-server/main.go). Seen from PostgreSQL, deterministically: with the
  // table locked, all 60 updates reach their UPDATE and wait there (120 connections); FerretDB's default pool
  // of 50 lets at most 25 get that far (14–18 against a build without the guard, which then deadlocked).
  it(postgres ? 'gives each of 60 concurrent updates its two PostgreSQL connections (no pool to wait for)' : 'runs FerretDB on SQLite without PostgreSQL (no pool to exhaust)', async () => {
    const dir = dataDir();
    const server = await startEmbeddedMongo({ mode: 'ferretdb', ferretdbBackend: postgres ? 'postgresql' : 'sqlite', dataDir: dir, ephemeral: true });
    servers.push(server);
    if (!postgres) return;
    const port = readFileSync(join(dir, 'ferretdb-postgresql', 'postmaster.pid'), 'utf8').split('\n')[3];
    const pgUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const sql = (query: string) => execFileSync(join(postgres, 'psql'), ['-d', pgUrl, '-Atc', query], { encoding: 'utf8' }).trim();
    const client = new MongoClient(server.uri, { maxPoolSize: 80, serverSelectionTimeoutMS: 5_000 });
    // A transaction holding the table in EXCLUSIVE mode: reads pass, UPDATEs wait until it ends.
    const locker = spawn(join(postgres, 'psql'), ['-d', pgUrl, '-q'], { stdio: ['pipe', 'ignore', 'inherit'] });
    try {
      const shipments = client.db('embedded_pool').collection('shipments');
      await shipments.insertMany(Array.from({ length: 5 }, (_, i) => ({ key: `S-${i}`, status: 'in_transit', n: 0 })));
      locker.stdin.write("BEGIN;\nSELECT format('LOCK TABLE %I.%I IN EXCLUSIVE MODE', schemaname, tablename) FROM pg_tables WHERE schemaname = 'embedded_pool' AND tablename LIKE 'shipments%' \\gexec\n");
      const locked = () => sql("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relnamespace = 'embedded_pool'::regnamespace AND l.mode = 'ExclusiveLock' AND l.granted") === '1';
      for (const deadline = Date.now() + 10_000; !locked(); ) {
        if (Date.now() > deadline) throw new Error('psql did not lock the table');
        await new Promise((r) => setTimeout(r, 50));
      }
      const waiting = () => Number(sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'FerretDB' AND wait_event_type = 'Lock'"));
      const updates = Promise.allSettled(
        Array.from({ length: 60 }, (_, i) => shipments.updateOne({ key: `S-${i % 5}`, status: { $in: ['in_transit', 'delayed'] } }, { $inc: { n: 1 } })),
      );
      let seen = 0;
      for (const deadline = Date.now() + 30_000; Date.now() < deadline && seen < 60; ) {
        await new Promise((r) => setTimeout(r, 200));
        seen = waiting();
      }
      locker.stdin.end('COMMIT;\n');
      expect(seen, 'FerretDB sessions waiting on the table lock').toBe(60);
      expect((await updates).map((r) => (r.status === 'fulfilled' ? r.value.matchedCount : String(r.reason)))).toEqual(Array.from({ length: 60 }, () => 1));
    } finally {
      locker.kill();
      await client.close(true);
    }
  }, 60_000);

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
