import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createAlertRepository } from '../../src/db/alerts/repository.js';
import { createCarrierHealthRepository } from '../../src/db/carrier-health/repository.js';
import { durationWords } from '../../src/domain/carrier-health.js';
import { carrierRecoveryWorkflowId, type CarrierRecoveryOutcome } from '../../workflows/carrier-recovery-messages.js';
import { eventually } from '../support/eventually.js';
import { maybeRecord } from '../support/histories.js';
import { placeSimulatorOrder } from '../support/lifecycle.js';
import { startLocalHttpServer, type LocalHttpServer } from '../support/local-http-server.js';
import { startNotifyStack, type NotifyStack } from '../support/notify-stack.js';
import { uniqueName } from '../support/servers.js';
import { useTestServers } from '../support/test-servers.js';

const HOUR = 3_600_000;
const MIN = 60_000;
const suite = useTestServers('time-skipping', { carrierSim: true });
let env: TestWorkflowEnvironment;
let chat: LocalHttpServer;
const stacks: NotifyStack[] = [];

/**
 * Polls every 6 h, a stall after 16 h without progress, an outage after 6 failed look-up attempts from 2
 * shipments, catch-up at one poll a second, held alerts re-evaluated 10 min after the last catch-up request.
 */
const OUTAGE_ENV = {
  SHIPMENT_POLL_INTERVAL: '6h',
  STALL_THRESHOLD: '16h',
  TEMPORAL_SEARCH_ATTRIBUTES: 'false',
  CARRIER_OUTAGE_FAILED_POLLS: '6',
  CARRIER_OUTAGE_MIN_SHIPMENTS: '2',
  CARRIER_CATCH_UP_RATE: '60/1m',
  CARRIER_RECOVERY_SETTLE: '10m',
};

beforeAll(async () => {
  env = suite.servers.temporal.env;
  chat = await startLocalHttpServer(() => ({ status: 200, body: 'ok' }));
});

afterAll(async () => {
  for (const stack of stacks) await stack.stop();
  await chat?.close();
});

async function outageStack(label: string, extraEnv: Record<string, string> = {}): Promise<NotifyStack> {
  const stack = await startNotifyStack({
    mongoServer: suite.servers.mongo,
    temporalServer: suite.servers.temporal,
    sim: suite.servers.sim,
    env: { ...OUTAGE_ENV, OPS_ALERT_EMAILS: 'ops@shop.test', OPS_ALERT_WEBHOOK_URL: `${chat.url}/hooks/${label}`, ...extraEnv },
  });
  stacks.push(stack);
  return stack;
}

const nowMs = () => env.currentTimeMs();
const subjects = (stack: NotifyStack) => stack.smtp.mails.filter((m) => m.envelopeTo.includes('ops@shop.test')).map((m) => m.parsed.subject ?? '');
const chatTexts = (label: string) => chat.requests.filter((r) => r.path === `/hooks/${label}`).map((r) => (JSON.parse(r.body) as { text: string }).text);

/** Sleeps in steps until `done` holds (each step skips Temporal time); fails after `maxMs`. */
async function sleepUntil(done: () => Promise<boolean>, stepMs: number, maxMs: number): Promise<void> {
  for (let slept = 0; slept <= maxMs; slept += stepMs) {
    if (await done()) return;
    await env.sleep(stepMs);
  }
  throw new Error('condition not reached in the skipped time');
}

describe('carrier outage mode (simulator api_outage across four shipments of one carrier)', () => {
  it('raises one outage alert, holds the stall and poll-failure alerts, catches up after recovery and re-evaluates them', async () => {
    const { sim } = suite.servers;
    const stack = await outageStack('outage');
    const health = createCarrierHealthRepository(stack.stack.mongo);
    const alerts = createAlertRepository(stack.stack.mongo);
    const t0 = await nowMs();
    // Carrier time starts two hours into the scenarios: labels printed, no pickup yet, nobody's API down.
    const start = t0 - 6 * HOUR;
    sim.setClock(start + 2 * HOUR);
    const orders = [];
    for (let i = 0; i < 4; i += 1) {
      const order = await placeSimulatorOrder(stack.stack, uniqueName(`OUT${i}`), {
        prepare: (tn) => sim.scenarioShipment(tn, 'api_outage', new Date(start).toISOString()),
      });
      orders.push(order);
      // One hour apart, so each shipment polls at its own hour and a catch-up poll stands out.
      await env.sleep(HOUR);
    }
    const windows = await Promise.all(orders.map(async (o) => (await sim.describe(o.trackingNumber)).outage as { from: string; to: string }));
    const fromAll = Math.max(...windows.map((w) => Date.parse(w.from)));
    const toAll = Math.max(...windows.map((w) => Date.parse(w.to)));
    expect(fromAll).toBeLessThan(Math.min(...windows.map((w) => Date.parse(w.to))));

    // Every shipment's look-ups fail from here on (carrier time inside all four outage windows).
    await env.sleep(Math.max(0, fromAll + 2 * MIN - (await nowMs())));
    sim.setClock(fromAll + MIN);
    await sleepUntil(async () => (await health.get('simulator'))?.state === 'outage', HOUR, 12 * HOUR);
    await env.sleep(t0 + 22 * HOUR - (await nowMs())); // past every stall deadline and every third failed poll

    const outage = (await health.get('simulator'))!;
    expect(outage.state).toBe('outage');
    const held = await alerts.list({ status: 'open' });
    expect(held.filter((a) => a.kind === 'stalled' && a.heldByOutage === 'simulator')).toHaveLength(4);
    expect(held.filter((a) => a.kind === 'poll_failure' && a.heldByOutage === 'simulator')).toHaveLength(4);
    // One outage alert on both channels, no stall or poll-failure storm.
    await eventually(async () => subjects(stack), (s) => s.some((x) => /outage/.test(x)), 20_000);
    await eventually(async () => chatTexts('outage'), (c) => c.length >= 1, 10_000);
    expect(subjects(stack)).toEqual([expect.stringContaining('Demo Carrier outage')]);
    expect(chatTexts('outage')).toEqual([expect.stringContaining('outage')]);
    // Customers see a short notice; the admin query lists the outage and what it holds.
    expect((await stack.stack.services.trackingPage.loadTrackingView(orders[0]!.code))?.carrierNotice).toBe('carrier_outage');
    const [row] = await stack.stack.services.carrierHealth.listCarriers();
    expect(row).toMatchObject({ carrierId: 'simulator', state: 'outage', outageSince: outage.outageSince, heldAlerts: { stalled: 4, pollFailures: 4 } });

    // The carrier answers again (every window over). The first poll after it starts the recovery.
    const tC = Math.max(await nowMs(), toAll + 2 * MIN);
    await env.sleep(tC - (await nowMs()));
    sim.setClock(toAll + MIN);
    const before = await Promise.all(orders.map((o) => sim.pollCount(o.trackingNumber)));
    await sleepUntil(async () => (await health.get('simulator'))?.state !== 'outage', 30 * MIN, 7 * HOUR);
    await env.sleep(15 * MIN); // catch-up (4 requests a second apart) and the 10-minute settle
    const after = await Promise.all(orders.map((o) => sim.pollCount(o.trackingNumber)));
    // Within 45 min of the recovery only the first shipment had its own poll; each got one catch-up poll.
    expect(after.map((n, i) => n - before[i]!).sort()).toEqual([1, 1, 1, 2]);

    const recovered = (await health.get('simulator'))!;
    expect(recovered.lastOutage?.since).toBe(outage.outageSince);
    const recovery = stack.stack.temporal.workflow.getHandle(carrierRecoveryWorkflowId('simulator', outage.outageSince!));
    const outcome: CarrierRecoveryOutcome = await recovery.result();
    await maybeRecord('carrier-recovery-catch-up', recovery);
    expect(outcome).toEqual({ catchUpPolls: 4, released: 0, dropped: 0, finished: true });
    expect(recovered.state).toBe('healthy');
    // The catch-up brought every parcel's missed scans: the held stalls ended quietly, and so did the failures.
    const all = await alerts.list();
    expect(all.filter((a) => a.status === 'open')).toEqual([]);
    expect(all.filter((a) => a.kind === 'stalled')).toHaveLength(4);
    for (const order of orders) expect((await stack.stack.repos.orders.findByCode(order.code))?.status).not.toBe('label_created');
    await eventually(async () => subjects(stack), (s) => s.length >= 2, 20_000);
    expect(subjects(stack)).toEqual([expect.stringContaining('outage'), expect.stringMatching(/Resolved: Demo Carrier answers tracking look-ups again \(after \d+ [dh]/)]);
    expect(stack.smtp.mails[1]?.parsed.text).toContain('4 open shipments are being polled to catch up');
    expect(chatTexts('outage')).toHaveLength(2);
    expect((await stack.stack.services.trackingPage.loadTrackingView(orders[0]!.code))?.carrierNotice).toBeUndefined();
    for (const order of orders) await order.handle.terminate('test finished');
  }, 300_000);

  it('re-evaluates held stall alerts after a carrier-wide outage: raised for the parcel still stalled, none for the one that moved', async () => {
    const { sim } = suite.servers;
    const stack = await outageStack('held');
    const alerts = createAlertRepository(stack.stack.mongo);
    const health = createCarrierHealthRepository(stack.stack.mongo);
    const iso = async (offsetMs = 0) => new Date((await nowMs()) + offsetMs).toISOString();
    const pickedUp = async (tn: string) => {
      await sim.manualShipment(tn);
      await sim.addEvent(tn, { code: 'PU', occurredAt: await iso(), eventId: `${tn}-pu` });
    };
    const stuck = await placeSimulatorOrder(stack.stack, uniqueName('STUCK'), { prepare: pickedUp });
    await env.sleep(HOUR);
    const moving = await placeSimulatorOrder(stack.stack, uniqueName('MOVES'), { prepare: pickedUp });
    // Both picked up at their first poll; then the carrier's whole API fails (every look-up, any number).
    await env.sleep(HOUR);
    await sim.fault({ mode: '5xx', count: 10_000 });
    await sleepUntil(async () => (await health.get('simulator'))?.state === 'outage', HOUR, 10 * HOUR);
    await env.sleep(20 * HOUR);
    expect((await alerts.list({ kind: 'stalled', status: 'open' })).map((a) => a.heldByOutage)).toEqual(['simulator', 'simulator']);
    // One parcel moves during the outage; nobody can see it until the carrier answers.
    await sim.addEvent(moving.trackingNumber, { code: 'OD', occurredAt: await iso(), eventId: `${moving.code}-od` });
    await sim.fault({ mode: 'none' });
    await sleepUntil(async () => (await health.get('simulator'))?.state === 'healthy', 30 * MIN, 8 * HOUR);

    const stalls = await alerts.list({ kind: 'stalled' });
    expect(stalls.find((a) => a.orderCode === stuck.code)).toMatchObject({ status: 'open' });
    expect(stalls.find((a) => a.orderCode === stuck.code)?.heldByOutage).toBeUndefined();
    expect(stalls.find((a) => a.orderCode === moving.code)).toMatchObject({ status: 'resolved', heldByOutage: 'simulator' });
    await eventually(async () => subjects(stack), (s) => s.some((x) => x.includes('Stalled')), 20_000);
    const mails = subjects(stack);
    expect(mails.filter((x) => x.includes('Stalled'))).toEqual([expect.stringContaining(`order ${stuck.code}`)]);
    expect(mails.filter((x) => x.includes(moving.code))).toEqual([]);
    expect(mails.filter((x) => /outage|Resolved: Demo Carrier/.test(x))).toHaveLength(2);
    expect(mails.filter((x) => /polling failing/.test(x))).toEqual([]);
    await stuck.handle.terminate('test finished');
    await maybeRecord('stall-held-by-outage-then-released', stuck.handle);
    await moving.handle.terminate('test finished');
  }, 300_000);
});

describe('poll-failure episodes of one shipment (no outage: one shipment is not a carrier)', () => {
  it('tells operators once when polls keep failing and again, with how long it lasted, when they answer', async () => {
    const { sim } = suite.servers;
    // No stall within the test's days: the only episode is the failing polls'.
    const stack = await outageStack('polls', { STALL_THRESHOLD: '7d' });
    const order = await placeSimulatorOrder(stack.stack, uniqueName('POLLS'), { prepare: (tn) => sim.manualShipment(tn) });
    await env.sleep(HOUR);
    // The next three polls (3 attempts each) fail: 9 failures, but all from one shipment.
    await sim.fault({ mode: '5xx', count: 9 });
    const runOf = async () => (await stack.stack.repos.alerts.list({ orderCode: order.code, kind: 'poll_failure' }))[0];
    await sleepUntil(async () => (await runOf())?.details?.episode !== undefined, HOUR, 24 * HOUR);
    const run = await runOf();
    expect(run).toMatchObject({ status: 'open', occurrences: 3 });
    expect(run?.heldByOutage).toBeUndefined();
    expect((await createCarrierHealthRepository(stack.stack.mongo).get('simulator'))?.state).toBe('healthy');
    await eventually(async () => subjects(stack), (s) => s.length >= 1, 20_000);
    expect(subjects(stack)).toEqual([`[order-tracking] Demo Carrier polling failing for order ${order.code}: 3 failures in a row`]);

    await sleepUntil(async () => (await runOf())?.status === 'resolved', HOUR, 12 * HOUR);
    const ended = (await runOf())!;
    const lasted = durationWords(Date.parse(ended.resolvedAt!) - Date.parse(ended.openedAt));
    expect(lasted).toMatch(/^1[0-9] h/);
    await eventually(async () => subjects(stack), (s) => s.length >= 2, 20_000);
    await eventually(async () => chatTexts('polls'), (c) => c.length >= 2, 10_000);
    expect(subjects(stack)[1]).toBe(`[order-tracking] Resolved: tracking look-ups for order ${order.code} work again (after ${lasted})`);
    expect(chatTexts('polls')[1]).toContain(`tracking look-ups for order ${order.code} work again after ${lasted}`);
    await env.sleep(12 * HOUR);
    expect(subjects(stack)).toHaveLength(2);
    await order.handle.terminate('test finished');
    await maybeRecord('poll-failures-then-resolved', order.handle);
  }, 300_000);
});
