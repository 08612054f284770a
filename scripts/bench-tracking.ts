/**
 * `npm run bench:tracking`: the customer tracking page under load (issue #22's Performance section).
 * Seeds N orders (default 100,000) into the MongoDB-wire server, runs the API as processes of their own
 * (as in production) and loads them from here with an open-loop generator at a fixed rate: the tracking
 * view (`/t/<signed token>` of random orders), the JSON look-up `GET /api/v1/track/{number}`, and in the same
 * run two baselines at the same rate: a bare Hono handler (its own process, same server stack) and a bare
 * indexed `findOne` by tracking number. Then the live updates: viewers hold SSE streams across the API
 * processes while orders change status through the projection write, timed from write to receipt.
 * Targets (2 cores): p99 < 25 ms at 1,000 requests/s; live p99 < 2 s with 1,000 viewers.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config/load-config.js';
import { connectMongo } from '../src/db/connection.js';
import { freePort } from '../src/embedded/free-port.js';
import { startTemporalDevServer } from '../src/embedded/temporal-server.js';
import { projectRoot } from '../src/embedded/tool-paths.js';
import { signTrackingToken } from '../src/web/links/tracking-links.js';
import { parseFlags, positive } from './bench/cli-args.js';
import { startBenchMongo } from './bench/bench-mongo.js';
import { onCleanup, runMain } from './bench/cleanup.js';
import { cpuShare, cpuSnapshot, waitForQuiet } from './bench/cpu.js';
import { httpRequest, keepAliveAgent } from './bench/http-client.js';
import { logSummary } from './bench/log-sink.js';
import { machineLoad, progress } from './bench/report.js';
import { startServiceProcess, waitForHttp } from './bench/service-process.js';
import { runLoadPhase, printTrackingSummary, type LoadPhase } from './bench/tracking-report.js';
import { runLivePhase } from './bench/tracking-live.js';
import { seededOrder, seedTrackingData } from './bench/tracking-seed.js';

const flags = parseFlags(
  process.argv.slice(2),
  {
    orders: { default: '100000', help: 'orders (with customer, shipment and 3 events each) to seed' },
    rate: { default: '1000', help: 'requests per second of each open-loop run' },
    duration: { default: '20', help: 'measured seconds per run' },
    warmup: { default: '5', help: 'unmeasured seconds before each run' },
    'in-flight': { default: '64', help: 'keep-alive connections (most requests in flight) per run' },
    viewers: { default: '1000', help: 'open SSE streams in the live phase' },
    'live-orders': { default: '200', help: 'orders the viewers watch (viewers spread evenly over them)' },
    'api-processes': { default: '2', help: 'API processes (the HTTP runs load the first; viewers spread over all)' },
    rounds: { default: '2', help: 'status changes per watched order in the live phase' },
    'changes-per-s': { default: '20', help: 'status changes per second in the live phase' },
    'live-timeout': { default: '15', help: 'seconds a viewer may take to see a change before it counts as missed' },
    only: { default: 'all', help: '"all", "http" or "live"' },
    'cpu-prof': { default: '', help: 'a directory: V8 CPU profiles of the API processes are written there' },
  },
  'Usage: npm run bench:tracking -- [--orders 100000] [--rate 1000] [--duration 20] [--viewers 1000]\n' +
    'Quick run: npm run bench:tracking -- --orders 5000 --rate 300 --duration 5 --warmup 2 --viewers 200 --live-orders 50\n' +
    'Set BENCH_MONGODB_URI=mongodb://127.0.0.1:27017 to use a running mongod instead of the embedded server.',
);
const total = Math.floor(positive(flags, 'orders'));
const rate = positive(flags, 'rate');
const viewers = Math.floor(positive(flags, 'viewers'));
const liveOrders = Math.min(total, Math.floor(positive(flags, 'live-orders')));
const apiCount = Math.floor(positive(flags, 'api-processes'));
if (!['all', 'http', 'live'].includes(flags.only)) throw new Error('--only must be all, http or live');

async function main(): Promise<number> {
  console.log(`bench:tracking — ${total.toLocaleString('en')} orders, ${rate}/s open loop, ${flags.duration} s per run after ${flags.warmup} s warm-up; ${viewers} live viewers on ${liveOrders} orders; ${machineLoad()}`);
  const root = projectRoot();
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  console.log('[bench] starting the Temporal dev server and the MongoDB-wire server…');
  const [temporal, mongoServer] = await Promise.all([startTemporalDevServer({ strict: true }), startBenchMongo('tracking')]);
  onCleanup('Temporal dev server', () => temporal.stop());
  const dbUri = new URL(mongoServer.uri);
  dbUri.pathname = `/bench_tracking_${runId}`;
  const secret = () => randomBytes(32).toString('hex');
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HTTP_HOST: '127.0.0.1',
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE: `bench-${runId}`,
    MONGODB_URI: dbUri.toString(),
    STOREFRONT_API_KEYS: `sk_bench_${randomBytes(12).toString('hex')}`,
    ADMIN_API_KEYS: `ak_bench_${randomBytes(12).toString('hex')}`,
    TRACKING_LINK_KEYS: `b1:${secret()}`,
    STOREFRONT_LINK_KEYS: `s1:${secret()}`,
    // Never called: nothing here asks a carrier.
    CARRIER_SIMULATOR_URL: 'http://127.0.0.1:9',
    CARRIER_SIMULATOR_API_KEY: 'sim_bench',
    CARRIER_SIMULATOR_WEBHOOK_SECRET: 'whsec_bench',
  };
  const ports = await Promise.all(Array.from({ length: apiCount }, () => freePort()));
  const apiUrls = ports.map((p) => `http://127.0.0.1:${p}`);
  const config = loadConfig({ ...env, HTTP_PORT: String(ports[0]), PUBLIC_BASE_URL: apiUrls[0]! });
  const links = { keys: config.web!.linkKeys, customerKeys: config.web!.customerKeys, trackingLinkTtlMs: config.web!.trackingLinkTtlMs };

  const mongo = await connectMongo(dbUri.toString());
  onCleanup('bench connection', async () => {
    if (process.env.BENCH_MONGODB_URI) await mongo.dropDatabase();
    await mongo.close();
  });
  console.log(`[bench] ${mongoServer.description}; seeding ${total.toLocaleString('en')} orders…`);
  const seeded = await seedTrackingData(mongo, total, Date.now());
  console.log(`  ${seeded.docs.toLocaleString('en')} documents in ${(seeded.ms / 1000).toFixed(0)} s`);

  console.log(`[bench] starting ${apiCount} API process(es) (src/bin/api.ts) and the bare Hono process…`);
  const apis = ports.map((port, i) => startServiceProcess(root, `api-${i + 1}`, 'src/bin/api.ts', { ...env, HTTP_PORT: String(port), PUBLIC_BASE_URL: apiUrls[i]! }, undefined, flags['cpu-prof'] || undefined));
  let barePort = 0;
  const bare = startServiceProcess(root, 'bare', 'scripts/bench/bare-hono-server.ts', {}, (line) => {
    const port = (JSON.parse(line) as { port?: number }).port;
    if (port) barePort = port;
  });
  await Promise.all(apis.map((api, i) => waitForHttp(api, `${apiUrls[i]}/healthz`, 120_000)));
  while (barePort === 0) {
    if (bare.child.exitCode !== null) throw new Error('the bare Hono process exited');
    await new Promise((r) => setTimeout(r, 100));
  }
  const names: Record<number, string> = { [bare.pid]: 'bare Hono' };
  for (const api of apis) names[api.pid] = api.name;

  // Random orders, tokens signed before the timed runs (a link is signed once, when an e-mail is written).
  // The request distribution: 20,000 draws (uniform, with repetition) from all the orders, walked in order
  // by every run from its start, so a run of N requests asks for min(N, 20,000) mostly distinct orders and
  // each order again only 20,000 requests later. The API's per-process view cache (10,000 orders by default)
  // has evicted an order by the time it comes round again: the HTML runs measure the cache-miss path.
  let state = 7;
  const randomIndex = () => ((state = (Math.imul(state, 48271) >>> 0) % 2_147_483_647), state % total);
  const pool = Array.from({ length: 20_000 }, () => seededOrder(randomIndex()));
  const now = Date.now();
  const tokens = new Map(pool.map((o) => [o.code, signTrackingToken(links, o.code, now)]));
  const liveSet = Array.from({ length: liveOrders }, (_, i) => seededOrder(Math.floor((i * total) / liveOrders)));
  for (const o of liveSet) tokens.set(o.code, signTrackingToken(links, o.code, now));

  // The seed leaves the database busy for a while (index statistics, vacuum): measure once it settles.
  const quiet = await waitForQuiet(names, 0.3, 90_000);
  console.log(`[bench] stack ${quiet.cores < 0.3 ? 'quiet' : 'still busy'}: ${quiet.cores.toFixed(2)} cores in the last second, after ${(quiet.waitedMs / 1000).toFixed(0)} s`);

  console.log(`[bench] requests walk ${pool.length.toLocaleString('en')} orders drawn uniformly from the ${total.toLocaleString('en')} (each order again only ${pool.length.toLocaleString('en')} requests later)`);
  const plan = { rate, warmupMs: positive(flags, 'warmup') * 1000, durationMs: positive(flags, 'duration') * 1000, maxInFlight: Math.floor(positive(flags, 'in-flight')) };
  const phases: LoadPhase[] = [];
  if (flags.only !== 'live') {
    const agent = keepAliveAgent(plan.maxInFlight);
    const get = async (url: string, headers?: Record<string, string>) => {
      const res = await httpRequest(agent, url, { ...(headers ? { headers } : {}), timeoutMs: 30_000 });
      return { status: String(res.status), bytes: res.body.length };
    };
    const orders = mongo.db!.collection('orders');
    const auth = { authorization: `Bearer ${env.STOREFRONT_API_KEYS}` };
    const runs: [string, (i: number) => Promise<{ status: string; bytes: number }>][] = [
      ['bare Hono handler', (i) => get(`http://127.0.0.1:${barePort}/bare/${tokens.get(pool[i % pool.length]!.code)}`)],
      ['bare indexed findOne (trackingNumber)', async (i) => {
        const doc = await orders.findOne({ trackingNumber: pool[i % pool.length]!.trackingNumber });
        return { status: doc ? '200' : '404', bytes: 0 };
      }],
      ['JSON GET /api/v1/track/{number}', (i) => get(`${apiUrls[0]}/api/v1/track/${pool[i % pool.length]!.trackingNumber}`, auth)],
      ['tracking view HTML /t/<token>', (i) => get(`${apiUrls[0]}/t/${tokens.get(pool[i % pool.length]!.code)}`)],
    ];
    for (const [label, send] of runs) {
      console.log(`\n${label} at ${rate}/s`);
      phases.push(await runLoadPhase(label, plan, send, names));
    }
  }

  let live;
  if (flags.only !== 'http') {
    console.log(`\nLive updates: ${viewers} SSE viewers on ${liveOrders} orders across ${apiCount} API process(es), ${flags.rounds} status change(s) per order at ${flags['changes-per-s']}/s`);
    const t = performance.now();
    const cpu = cpuSnapshot(names);
    live = await runLivePhase(mongo, {
      apiUrls,
      orders: liveSet,
      tokens,
      viewers,
      rounds: Math.floor(positive(flags, 'rounds')),
      changesPerSecond: positive(flags, 'changes-per-s'),
      timeoutMs: positive(flags, 'live-timeout') * 1000,
    });
    progress(t, `CPU (cores): ${cpuShare(cpu, cpuSnapshot(names), performance.now() - t)}`);
  }

  console.log(`  stack logs: ${logSummary()}`);
  const failed = printTrackingSummary({ phases, live, rate, orders: total, mongoKind: mongoServer.description, livePollMs: config.web!.livePollMs });
  console.log(`  at the end: ${machineLoad()}`);
  return failed ? 1 : 0;
}

runMain(main);
