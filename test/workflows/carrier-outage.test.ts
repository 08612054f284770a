import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createAlertRepository } from '../../src/db/alerts/repository.js';
import { createCarrierHealthRepository } from '../../src/db/carrier-health/repository.js';
import { carrierRecoveryWorkflowId, type CarrierRecoveryOutcome } from '../../workflows/carrier-recovery-messages.js';
import { eventually } from '../support/eventually.js';
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

async function outageStack(label: string): Promise<NotifyStack> {
  const stack = await startNotifyStack({
    mongoServer: suite.servers.mongo,
    temporalServer: suite.servers.temporal,
    sim: suite.servers.sim,
    env: { ...OUTAGE_ENV, OPS_ALERT_EMAILS: 'ops@shop.test', OPS_ALERT_WEBHOOK_URL: `${chat.url}/hooks/${label}` },
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
    const outcome: CarrierRecoveryOutcome = await stack.stack.temporal.workflow.getHandle(carrierRecoveryWorkflowId('simulator', outage.outageSince!)).result();
    expect(outcome).toEqual({ catchUpPolls: 4, released: 0, dropped: 0, finished: true });
    expect(recovered.state).toBe('healthy');
    // The catch-up brought every parcel's missed scans: the held stalls ended quietly, and so did the failures.
    const all = await alerts.list();
    expect(all.filter((a) => a.status === 'open')).toEqual([]);
    expect(all.filter((a) => a.kind === 'stalled')).toHaveLength(4);
    for (const order of orders) expect((await stack.stack.repos.orders.findByCode(order.code))?.status).not.toBe('label_created');
    await eventually(async () => subjects(stack), (s) => s.length >= 2, 20_000);
    expect(subjects(stack)).toEqual([expect.stringContaining('outage'), expect.stringMatching(/Resolved: Demo Carrier answers tracking look-ups again \(after \d+ h/)]);
    expect(stack.smtp.mails[1]?.parsed.text).toContain('4 open shipments are being polled to catch up');
    expect(chatTexts('outage')).toHaveLength(2);
    expect((await stack.stack.services.trackingPage.loadTrackingView(orders[0]!.code))?.carrierNotice).toBeUndefined();
    for (const order of orders) await order.handle.terminate('test finished');
  }, 300_000);
});
