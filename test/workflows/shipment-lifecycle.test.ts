import { useTestServers } from '../support/test-servers.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { carrierEventsSignal, getStateQuery, settingsChangedSignal } from '../../workflows/shipment-messages.js';
import { createAlertRepository } from '../../src/db/alerts/repository.js';
import { createCarrierRegistry } from '../../src/carriers/registry.js';
import { createFeedbackRepository } from '../../src/db/feedback/repository.js';
import { ADMIN_KEY } from '../support/test-config.js';
import { createNotificationRepository } from '../../src/db/notifications/repository.js';
import type { TestCarrierSim } from '../support/carrier-sim.js';
import { placeSimulatorOrder } from '../support/lifecycle.js';
import { maybeRecord } from '../support/histories.js';
import { uniqueName } from '../support/servers.js';
import { startStack, type TestStack } from '../support/stack.js';
import { eventually } from '../support/eventually.js';

/** Activity types a run scheduled as regular activities (local activities are markers, not listed). */
async function scheduledActivities(handle: { fetchHistory(): Promise<{ events?: { activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null }[] | null }> }) {
  const events = (await handle.fetchHistory()).events ?? [];
  return events.flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name ?? ''] : []));
}

const HOUR = 3_600_000;
const suite = useTestServers('time-skipping', { carrierSim: true });
let sim: TestCarrierSim;
let stack: TestStack;
/** Same servers, a slower poll: the 72-hour stall test then runs ~20 polls instead of ~200. */
let stallStack: TestStack;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  ({ sim } = suite.servers);
  env = suite.servers.temporal.env;
  stack = await suite.stack({ env: { DELIVERED_GRACE_PERIOD: '2h', TEMPORAL_SEARCH_ATTRIBUTES: 'false' } });
  stallStack = await suite.stack({ env: { SHIPMENT_POLL_INTERVAL: '6h', TEMPORAL_SEARCH_ATTRIBUTES: 'false' } });
});


const isoAt = async (offsetMs = 0) => new Date((await env.currentTimeMs()) + offsetMs).toISOString();
const alerts = () => createAlertRepository(stallStack.mongo);

describe('ShipmentWorkflow on the time-skipping server', () => {
  it('polls the carrier exactly 48 times in 24 hours when no webhook arrives (user story: updated every 30 min)', { timeout: 120_000 }, async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('POLL'), { prepare: (tn) => sim.manualShipment(tn) });
    await env.sleep(24 * HOUR - 60_000);
    expect(await sim.pollCount(order.trackingNumber)).toBe(48);
    await env.sleep(2 * 60_000);
    expect(await sim.pollCount(order.trackingNumber)).toBe(49);
    expect((await order.handle.query(getStateQuery)).status).toBe('order_received');
    // Time is shared by every test on this server: a still-polling workflow would slow the later ones.
    await order.handle.terminate('test finished');
  });

  it('postpones the next poll when webhook progress arrives', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('HOOK'), { prepare: (tn) => sim.manualShipment(tn) });
    await env.sleep(20 * 60_000);
    expect(await sim.pollCount(order.trackingNumber)).toBe(1);
    await order.handle.signal(carrierEventsSignal, {
      source: 'webhook',
      receivedAt: await isoAt(),
      events: [{ status: 'picked_up', occurredAt: await isoAt(-60_000), description: 'Picked up', carrierEventId: `${order.code}-pu` }],
    });
    await env.sleep(25 * 60_000); // t = 45 min: the 30-minute poll was moved to t = 50 min
    expect(await sim.pollCount(order.trackingNumber)).toBe(1);
    await env.sleep(10 * 60_000); // t = 55 min
    expect(await sim.pollCount(order.trackingNumber)).toBe(2);
    const state = await order.handle.query(getStateQuery);
    expect(state.status).toBe('picked_up');
    // The webhook did not cancel the wake-up timer (patch reuse-wake-timer): it fired at t = 30 min, found
    // no poll due, and the loop set one for the rest.
    const history = (await order.handle.fetchHistory()).events ?? [];
    expect(history.filter((e) => e.timerCanceledEventAttributes)).toHaveLength(0);
    expect(history.filter((e) => e.timerFiredEventAttributes).length).toBeGreaterThanOrEqual(2);
    expect((await stack.repos.orders.findByCode(order.code))?.status).toBe('picked_up');
    await order.handle.terminate('test finished');
  });

  it('TC004: a failing poll is tried 3 times with backoff, then logged, and the next tick polls again', async () => {
    await sim.fault({ mode: '5xx', count: 3 });
    const order = await placeSimulatorOrder(stack, uniqueName('TC004'), { prepare: (tn) => sim.manualShipment(tn) });
    await sim.addEvent(order.trackingNumber, { code: 'IT', occurredAt: await isoAt(), description: 'In transit' });
    await env.sleep(5 * 60_000);
    const failure = (await createAlertRepository(stack.mongo).list({ orderCode: order.code, kind: 'poll_failure' }))[0];
    expect(failure).toMatchObject({ status: 'open', occurrences: 1 });
    expect(failure?.message).toMatch(/TransientCarrierError/);
    let state = await order.handle.query(getStateQuery);
    expect(state.consecutivePollFailures).toBe(1);
    const history = (await order.handle.fetchHistory()).events ?? [];
    const failedPoll = history.find((e) => e.activityTaskFailedEventAttributes);
    const startedPoll = history.find((e) => Number(e.eventId) === Number(failedPoll?.activityTaskFailedEventAttributes?.startedEventId));
    expect(startedPoll?.activityTaskStartedEventAttributes?.attempt).toBe(3);
    expect(state.status).toBe('order_received');

    await env.sleep(30 * 60_000);
    state = await order.handle.query(getStateQuery);
    expect(state.consecutivePollFailures).toBe(0);
    expect(state.status).toBe('in_transit');
    expect((await createAlertRepository(stack.mongo).list({ orderCode: order.code, kind: 'poll_failure' }))[0]?.occurrences).toBe(1);
    await order.handle.terminate('test finished');
  });

  it('does not retry a permanent carrier error (bad credentials): one attempt, logged with the reason', async () => {
    const { createSimulatorAdapter } = await import('../../src/carriers/simulator/index.js');
    const { createCarrierRegistry } = await import('../../src/carriers/registry.js');
    const badKey = await startStack({
      mongoServer: suite.servers.mongo,
      temporalServer: suite.servers.temporal,
      carriers: createCarrierRegistry([createSimulatorAdapter({ baseUrl: sim.url, apiKey: 'wrong-key', timeoutMs: 2_000 })]),
      env: { TEMPORAL_SEARCH_ATTRIBUTES: 'false' },
    });
    try {
      const order = await placeSimulatorOrder(badKey, uniqueName('PERM'), { prepare: (tn) => sim.manualShipment(tn) });
      await env.sleep(5 * 60_000);
      const failure = (await createAlertRepository(badKey.mongo).list({ orderCode: order.code, kind: 'poll_failure' }))[0];
      expect(failure?.message).toMatch(/PermanentCarrierError/);
      expect(failure?.message).toMatch(/401/);
      expect((await order.handle.query(getStateQuery)).consecutivePollFailures).toBe(1);
      // Not retried: the failed poll's only recorded attempt is the first (a transient error would show 3).
      const events = (await order.handle.fetchHistory()).events ?? [];
      const failed = events.find((e) => e.activityTaskFailedEventAttributes);
      const started = events.find((e) => Number(e.eventId) === Number(failed?.activityTaskFailedEventAttributes?.startedEventId));
      expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(1);
      await order.handle.terminate('test finished');
    } finally {
      await badKey.stop();
    }
  });

  it('raises one stall alert after 72 h without progress, none before, and clears it on progress', async () => {
    const order = await placeSimulatorOrder(stallStack, uniqueName('STALL'), { prepare: (tn) => sim.manualShipment(tn) });
    await sim.addEvent(order.trackingNumber, { code: 'IT', occurredAt: await isoAt(), description: 'Departed facility' });
    await env.sleep(71 * HOUR);
    expect(await alerts().list({ orderCode: order.code, kind: 'stalled' })).toHaveLength(0);
    expect((await order.handle.query(getStateQuery)).stalled).toBe(false);

    await env.sleep(2 * HOUR);
    const raised = await alerts().list({ orderCode: order.code, kind: 'stalled' });
    expect(raised).toHaveLength(1);
    expect(raised[0]?.status).toBe('open');
    expect((await order.handle.query(getStateQuery)).stalled).toBe(true);

    await env.sleep(24 * HOUR);
    expect(await alerts().list({ orderCode: order.code, kind: 'stalled' })).toHaveLength(1);

    await sim.addEvent(order.trackingNumber, { code: 'OD', occurredAt: await isoAt(), description: 'Out for delivery' });
    await env.sleep(6 * HOUR + 60_000);
    const after = await alerts().list({ orderCode: order.code, kind: 'stalled' });
    expect(after).toHaveLength(1);
    expect(after[0]?.status).toBe('resolved');
    const state = await order.handle.query(getStateQuery);
    expect(state.stalled).toBe(false);
    expect(state.status).toBe('out_for_delivery');
    // Raising and resolving rode along with the read-model writes (patch follow-ups-in-read-model-write).
    const activities = await scheduledActivities(order.handle);
    expect(activities).not.toContain('raiseStallAlert');
    expect(activities).not.toContain('resolveStallAlert');
    await maybeRecord('stalled-then-progress-running', order.handle);
  }, 180_000);

  it('takes new timings from settingsChangedSignal while running (a lower stall threshold raises the alert sooner)', async () => {
    // No tracking number and a carrier that cannot create shipments: no poll can bring progress of its own,
    // so the only stall episode is the one this test starts.
    const adapter = sim.carriers.get('simulator')!;
    const carriers = createCarrierRegistry([{ ...adapter, capabilities: { ...adapter.capabilities, createShipment: false } }]);
    const quiet = await suite.stack({ carriers, env: { SHIPMENT_POLL_INTERVAL: '6h', TEMPORAL_SEARCH_ATTRIBUTES: 'false' } });
    const order = await placeSimulatorOrder(quiet, uniqueName('SETS'), { overrides: { shipping: { carrier: 'simulator' } } });
    await order.handle.signal(carrierEventsSignal, {
      source: 'webhook',
      receivedAt: await isoAt(),
      events: [{ status: 'in_transit', occurredAt: await isoAt(-60_000), description: 'Departed facility', carrierEventId: `${order.code}-it` }],
    });
    await env.sleep(HOUR);
    const before = await order.handle.query(getStateQuery);
    expect(before.domain.lastProgressAt).toBeDefined();
    const progressAt = Date.parse(before.domain.lastProgressAt!);
    expect(Date.parse(before.stallDeadline!)).toBe(progressAt + 72 * HOUR);

    // Invalid fields are ignored; the valid one applies at once, without waiting for the old deadline.
    await order.handle.signal(settingsChangedSignal, { stallThresholdMs: 2 * HOUR, pollIntervalMs: -1 });
    expect(Date.parse((await order.handle.query(getStateQuery)).stallDeadline!)).toBe(progressAt + 2 * HOUR);
    await env.sleep(2 * HOUR);
    const raised = await createAlertRepository(quiet.mongo).list({ orderCode: order.code, kind: 'stalled' });
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ key: `stall:${order.code}:${before.domain.lastProgressAt}`, status: 'open' });
    expect((await order.handle.query(getStateQuery)).stalled).toBe(true);
    await order.handle.terminate('test finished');
  }, 120_000);

  it('waits for its tracking number after a stall alert without waking itself (no timer left to fire)', async () => {
    // A carrier that cannot create shipments: the order waits for the shop to assign a tracking number.
    const adapter = sim.carriers.get('simulator')!;
    const carriers = createCarrierRegistry([{ ...adapter, capabilities: { ...adapter.capabilities, createShipment: false } }]);
    const waiting = await suite.stack({ carriers, env: { SHIPMENT_POLL_INTERVAL: '6h', TEMPORAL_SEARCH_ATTRIBUTES: 'false' } });
    const order = await placeSimulatorOrder(waiting, uniqueName('NOTN'), { overrides: { shipping: { carrier: 'simulator' } } });
    const prepared = await waiting.app.request(`/api/v1/admin/shipments/${order.code}/in-preparation`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(prepared.status).toBe(200);
    await env.sleep(73 * HOUR);
    expect(await createAlertRepository(waiting.mongo).list({ orderCode: order.code, kind: 'stalled' })).toHaveLength(1);
    // Nothing is scheduled now; a loop woken by the stall timer that already fired would spin until the
    // worker's deadlock detector fails its workflow tasks.
    await env.sleep(2 * HOUR);
    const state = await order.handle.query(getStateQuery);
    expect(state).toMatchObject({ status: 'in_preparation', stalled: true });
    const history = (await order.handle.fetchHistory()).events ?? [];
    expect(history.filter((e) => e.workflowTaskFailedEventAttributes || e.workflowTaskTimedOutEventAttributes)).toHaveLength(0);
    await order.handle.terminate('test finished');
  }, 120_000);

  it('on delivered: notifies, asks for feedback, and ends after the grace period (user story: notification on Delivered)', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('DLV'), { prepare: (tn) => sim.manualShipment(tn) });
    await sim.addEvent(order.trackingNumber, { code: 'IT', occurredAt: await isoAt(-2 * HOUR), description: 'In transit' });
    await sim.addEvent(order.trackingNumber, { code: 'DL', occurredAt: await isoAt(-60_000), description: 'Delivered, front door' });
    const startedAt = await env.currentTimeMs();
    const outcome = await order.handle.result();
    expect(outcome.finalStatus).toBe('delivered');
    expect((await env.currentTimeMs()) - startedAt).toBeGreaterThanOrEqual(2 * HOUR);

    const visible = await stack.repos.orders.findByCode(order.code);
    expect(visible).toMatchObject({ status: 'delivered', milestone: 'delivered' });
    // Each request is taken by its NotificationWorkflow and ends sent, skipped or failed (never left requested).
    const sent = await eventually(
      () => createNotificationRepository(stack.mongo).listForOrder(order.code),
      (list) => list.length === 2 && list.every((n) => n.status !== 'requested' && n.status !== 'sending'),
      30_000,
    );
    expect(sent.map((n) => n.key).sort()).toEqual([`notify:${order.code}:delivered:email`, `notify:${order.code}:shipped:email`]);
    expect(sent.every((n) => ['sent', 'skipped', 'failed'].includes(n.status))).toBe(true);
    const feedback = await createFeedbackRepository(stack.mongo).find(order.code);
    expect(visible?.deliveredAt).toEqual(expect.any(String));
    expect(feedback?.deliveredAt?.toISOString()).toBe(visible?.deliveredAt);
    // The feedback request was part of the delivered revision's local write, not an activity of its own.
    expect(await scheduledActivities(order.handle)).not.toContain('requestFeedback');
    await maybeRecord('delivered-after-grace', order.handle);
  });

  it('a return the carrier reports late in the grace period is caught by one last poll before the run ends', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('RET'), { prepare: (tn) => sim.manualShipment(tn) });
    await sim.addEvent(order.trackingNumber, { code: 'DL', occurredAt: await isoAt(-60_000), description: 'Delivered, front door' });
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'delivered', 30_000);
    // The grace period (2 h here) is shorter than the grace polls' 6 h: only the final poll sees this.
    await sim.addEvent(order.trackingNumber, { code: 'RS', occurredAt: await isoAt(), description: 'Refused, returning to sender' });
    const outcome = await order.handle.result();
    expect(outcome.finalStatus).toBe('returned_to_sender');
    await eventually(() => stack.repos.orders.findByCode(order.code), (o) => o?.status === 'returned_to_sender', 30_000);
    await maybeRecord('returned-in-grace', order.handle);
  });

  it('a cancelled order ends cleanly', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('CXL'), { prepare: (tn) => sim.manualShipment(tn) });
    const { cancelSignal } = await import('../../workflows/shipment-messages.js');
    await order.handle.signal(cancelSignal, { reason: 'customer changed mind', requestedAt: await isoAt() });
    const outcome = await order.handle.result();
    expect(outcome.finalStatus).toBe('cancelled');
    expect(await stack.repos.orders.findByCode(order.code)).toMatchObject({ status: 'cancelled' });
    await maybeRecord('cancelled', order.handle);
  });
});
