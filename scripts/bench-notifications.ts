/**
 * `npm run bench:notifications`: carrier milestones at a fixed rate across open shipments whose customers
 * chose e-mail and SMS, through the whole system (signed webhooks → API inbox → relay → ShipmentWorkflow →
 * its read-model write sends the milestone's messages → nodemailer over SMTP / the twilio SDK), into a real SMTP server and the
 * Twilio-compatible server, both in a thread of their own. Prints messages/s and the latency from the
 * milestone's webhook answered 2xx to the provider taking the message, with every expected message counted
 * (lost, duplicated, unexpected), beside bare nodemailer and twilio-SDK send loops to the same servers.
 * Target (2 cores): p99 < 2 s, no duplicates, no losses. Exit code 1 on errors (> 1% webhooks refused).
 */
import { randomBytes } from 'node:crypto';
import { parseFlags, positive } from './bench/cli-args.js';
import { runMain } from './bench/cleanup.js';
import { cpuSeconds, cpuShare, cpuSnapshot, waitForQuiet } from './bench/cpu.js';
import { inboxCounts, relayLagsMs } from './bench/inbox.js';
import type { MilestoneLoadData, MilestoneLoadResult } from './bench/milestone-load-thread.js';
import { MILESTONE_SCANS } from './bench/milestone-scans.js';
import { daytimeZone, notifyingCustomer, parseQuietHours, phoneFor, setQuietHours } from './bench/notification-customers.js';
import { drainNotifications, readNotificationLog, summarizeLog } from './bench/notification-drain.js';
import { matchNotifications } from './bench/notification-match.js';
import { printNotificationSummary } from './bench/notification-report.js';
import { startLocalStack } from './bench/local-stack.js';
import { waitUntilOpen } from './bench/open-workflows.js';
import { placeOrders } from './bench/orders.js';
import { baselineLatencies, smtpBaseline, twilioBaseline } from './bench/provider-baselines.js';
import { startProviderSinks } from './bench/provider-sinks.js';
import { machineLoad, progress } from './bench/report.js';
import { runInThread } from './bench/thread.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const flags = parseFlags(
  argv.filter((a) => a !== '--quick'),
  {
    shipments: { default: quick ? '50' : '1000', help: 'open shipments (orders), each sent pickup, out for delivery, delivered' },
    rate: { default: quick ? '10' : '50', help: 'milestones per second (each asks for an e-mail and an SMS)' },
    warmup: { default: quick ? '0' : '10', help: 'seconds of milestones at the start reported apart from the steady state' },
    'quiet-hours': { default: '21:00-08:00', help: "quiet hours set on every order in the customers' (daytime) zone, or none" },
    'sms-step-ms': { default: '300', help: "the Twilio server's queued → sent → delivered step (each posts a status callback)" },
    'drain-timeout': { default: '90', help: 'seconds without a new message, after the last milestone, before the missing count as not arrived' },
    'drain-max': { default: '300', help: 'seconds at most to wait after the last milestone for the messages still on their way' },
    'baseline-count': { default: quick ? '200' : '1000', help: 'messages of each bare send loop' },
    'order-concurrency': { default: '8', help: 'orders placed (and preferences set) in parallel' },
    'open-timeout': { default: '120', help: 'seconds at most to wait for the workflows to be open and idle' },
  },
  'Usage: npm run bench:notifications -- [--quick] [--shipments 1000] [--rate 50]\n' +
    '--quick: a small run (50 shipments at 10 milestones/s). Set BENCH_MONGODB_URI=mongodb://127.0.0.1:27017 to use a running mongod.',
);
const shipments = Math.floor(positive(flags, 'shipments'));
const rate = positive(flags, 'rate');
const warmupMs = Number(flags.warmup) * 1000;
if (!(warmupMs >= 0)) throw new Error('--warmup must be a number of seconds ≥ 0');
const quietHours = parseQuietHours(flags['quiet-hours']);
const TWILIO = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex'), from: '+15005550006' };
const MESSAGE_ID_DOMAIN = 'bench.shop.test';

async function main(): Promise<number> {
  const { zone, hour } = daytimeZone();
  const milestones = shipments * MILESTONE_SCANS.length;
  console.log(
    `bench:notifications — ${shipments} shipments × ${MILESTONE_SCANS.length} milestones at ${rate}/s (${(milestones / rate).toFixed(0)} s), e-mail + SMS each; ` +
      `customers in ${zone} (${hour}:00 there now)${quietHours ? `, quiet hours ${quietHours.start}–${quietHours.end}` : ''}; ${machineLoad()}`,
  );
  const sinks = await startProviderSinks({ accountSid: TWILIO.accountSid, authToken: TWILIO.authToken, stepDelayMs: positive(flags, 'sms-step-ms') });
  const stack = await startLocalStack({
    pollInterval: '30m',
    worker: true,
    // As `npm run dev` configures the product: SMTP to a local server, the twilio SDK to the local Twilio server.
    extraEnv: (apiUrl) => ({
      PUBLIC_BASE_URL: apiUrl,
      SHOP_NAME: 'Bench Shop',
      NOTIFY_UNSUBSCRIBE_SECRET: randomBytes(24).toString('hex'),
      TRACKING_LINK_KEYS: `k1:${randomBytes(32).toString('hex')}`,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sinks.smtpPort),
      SMTP_SECURE: 'false',
      SMTP_FROM: 'Bench Shop <orders@shop.test>',
      SMTP_MESSAGE_ID_DOMAIN: MESSAGE_ID_DOMAIN,
      TWILIO_ACCOUNT_SID: TWILIO.accountSid,
      TWILIO_AUTH_TOKEN: TWILIO.authToken,
      TWILIO_FROM: TWILIO.from,
      TWILIO_API_BASE_URL: sinks.twilioUrl,
    }),
  });
  const names = { [stack.worker!.pid]: 'worker', [process.pid]: 'bench (API, load, SMTP + Twilio servers)' };

  console.log(`\nPhase 1: placing ${shipments} orders (customers with e-mail and phone, both channels chosen)`);
  const t1 = performance.now();
  const phones = new Map<string, string>();
  const placed = await placeOrders(stack, shipments, Math.floor(positive(flags, 'order-concurrency')), Infinity, (order, i) => {
    phones.set(order.code, phoneFor(i));
    return notifyingCustomer(order, phoneFor(i), zone);
  });
  progress(t1, `${placed.orders.length} orders placed${placed.failed ? `, ${placed.failed} failed` : ''}`);
  if (placed.orders.length === 0) throw new Error('no order was placed; nothing to measure');
  const prefsRefused = quietHours ? await setQuietHours(stack, placed.orders, zone, quietHours, Math.floor(positive(flags, 'order-concurrency'))) : 0;
  const open = await waitUntilOpen(stack, placed.orders, positive(flags, 'open-timeout') * 1000, t1);
  progress(t1, `${open.running} shipment workflows running, ${open.polled} past their first carrier look-up`);
  const quiet = await waitForQuiet(names, 0.3, 60_000);
  progress(t1, `stack ${quiet.cores < 0.3 ? 'quiet' : 'still busy'}: ${quiet.cores.toFixed(2)} cores in the last second`);

  console.log(`\nPhase 2: ${placed.orders.length * MILESTONE_SCANS.length} milestones at ${rate}/s as signed carrier webhooks (pickup, out for delivery, delivered per shipment)`);
  const t2 = performance.now();
  const cpuBefore = cpuSnapshot(names);
  const ticker = setInterval(() => {
    void sinks.counts().then((c) => progress(t2, `providers took ${c.email} e-mails, ${c.sms} SMS`));
  }, 5_000);
  const load = await runInThread<MilestoneLoadData, MilestoneLoadResult>(
    new URL('./bench/milestone-load-thread.ts', import.meta.url),
    { apiUrl: stack.apiUrl, secret: stack.simWebhookSecret, runId: stack.runId, orders: placed.orders, rate, answerTimeoutMs: 30_000 },
    (text) => progress(t2, text),
  ).finally(() => clearInterval(ticker));
  const loadCpu = cpuShare(cpuBefore, cpuSnapshot(names), performance.now() - t2);
  const expected = load.acks.length;
  const drained = await drainNotifications({ stack, sinks, expected: { email: expected, sms: expected }, idleTimeoutMs: positive(flags, 'drain-timeout') * 1000, maxMs: positive(flags, 'drain-max') * 1000 });
  // CPU of the milestones and everything they caused, to the last message (per message: what 2 cores allow).
  const runCpu = cpuSeconds(cpuBefore, cpuSnapshot(names));
  const log = await readNotificationLog(stack);
  const collected = await sinks.collect();
  const match = matchNotifications({
    acks: load.acks,
    collected,
    phoneOf: (code) => phones.get(code),
    messageIdDomain: MESSAGE_ID_DOMAIN,
    warmFrom: load.startedAt + warmupMs,
    requestedAt: new Map([...log].map(([key, entry]) => [key, entry.requestedAt])),
  });
  const relayLags = await relayLagsMs(stack.mongo, new Date(load.startedAt));
  const inbox = await inboxCounts(stack.mongo);
  const records = summarizeLog(log, [...match.email.lost, ...match.sms.lost]);
  // The baselines measure the providers alone: a backlog the worker still works through would load them.
  if (!drained.complete) await stack.worker!.stop();

  console.log(`\nPhase 3: baselines, bare send loops to the same servers (once the stack is quiet${drained.complete ? '' : '; the worker stopped, its backlog left'})`);
  await waitForQuiet(names, 0.3, 60_000);
  const count = Math.floor(positive(flags, 'baseline-count'));
  const sampleSms = collected.sms[0]?.body ?? 'Bench Shop: Your order BENCH-0 has shipped. Track: http://127.0.0.1/t/x';
  if (!collected.sampleEmail) throw new Error('no e-mail arrived: no sample for the SMTP baseline');
  const smtpPaced = await smtpBaseline({ port: sinks.smtpPort, sample: collected.sampleEmail, count, rate, tag: 'paced' });
  progress(t2, `bare nodemailer at ${rate}/s: ${count} e-mails sent`);
  const smtpClosed = await smtpBaseline({ port: sinks.smtpPort, sample: collected.sampleEmail, count, rate: 0, tag: 'closed' });
  progress(t2, `bare nodemailer, 4 connections flat out: ${count} e-mails in ${(smtpClosed.elapsedMs / 1000).toFixed(1)} s`);
  const twilioPaced = await twilioBaseline({ config: { ...TWILIO, apiBaseUrl: sinks.twilioUrl }, body: sampleSms, count, rate, numberBase: 5_412_340_000 });
  progress(t2, `bare twilio SDK at ${rate}/s: ${count} SMS sent`);
  const after = await sinks.collect();
  const emailArrivals = after.emails.map((e) => ({ id: e.messageId, at: e.at }));
  const smsArrivals = after.sms.map((s) => ({ id: s.to, at: s.at }));

  const failed = printNotificationSummary({
    asked: { shipments, rate, warmupMs },
    mongoKind: stack.mongoKind,
    zone,
    quietHours,
    placed: placed.orders.length,
    prefsRefused,
    load,
    drained,
    match,
    records,
    loadCpu,
    runCpu,
    relayLags,
    inboxPending: inbox.pending,
    baselines: {
      smtpPaced: { sends: smtpPaced, latencies: baselineLatencies(smtpPaced, emailArrivals) },
      smtpClosed: { sends: smtpClosed, latencies: baselineLatencies(smtpClosed, emailArrivals) },
      twilioPaced: { sends: twilioPaced, latencies: baselineLatencies(twilioPaced, smsArrivals) },
      sampleEmailBytes: Buffer.byteLength(collected.sampleEmail),
      sampleSmsChars: sampleSms.length,
    },
  });
  console.log(`  at the end: ${machineLoad()}`);
  return failed ? 1 : 0;
}

runMain(main);
