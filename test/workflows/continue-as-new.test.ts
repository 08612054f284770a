import { useTestServers } from '../support/test-servers.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { carrierEventsSignal, getStateQuery, settingsChangedSignal } from '../../workflows/shipment-messages.js';
import { createNotificationRepository } from '../../src/db/notifications/repository.js';
import type { TestCarrierSim } from '../support/carrier-sim.js';
import { maybeRecord, replay } from '../support/histories.js';
import { placeSimulatorOrder } from '../support/lifecycle.js';
import { uniqueName } from '../support/servers.js';
import { type TestStack } from '../support/stack.js';

const HOUR = 3_600_000;
const suite = useTestServers('time-skipping', { carrierSim: true });
let sim: TestCarrierSim;
let stack: TestStack;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  ({ sim } = suite.servers);
  env = suite.servers.temporal.env;
  // A low history limit forces continue-as-new every few polls.
  stack = await suite.stack({ env: { SHIPMENT_HISTORY_LIMIT: '60', DELIVERED_GRACE_PERIOD: '1h', TEMPORAL_SEARCH_ATTRIBUTES: 'false' } });
});

describe('continue-as-new', () => {
  it('keeps domain state, revision, sent notifications and buffered signals across runs', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('CAN'), { prepare: (tn) => sim.manualShipment(tn) });
    const t0 = await env.currentTimeMs();
    await sim.addEvent(order.trackingNumber, { code: 'PU', occurredAt: new Date(t0).toISOString(), description: 'Picked up', eventId: 'e1' });
    const firstRun = (await order.handle.describe()).runId;

    await env.sleep(6 * HOUR);
    const mid = await order.handle.query(getStateQuery);
    const laterRun = (await order.handle.describe()).runId;
    expect(laterRun).not.toBe(firstRun);
    expect(mid.status).toBe('picked_up');
    expect(mid.domain.events.map((e) => e.carrierEventId)).toEqual(['e1']);
    const revisionBefore = mid.revision;

    // A webhook event arrives in the new run; the status and the notification keys carry on.
    const now = await env.currentTimeMs();
    await order.handle.signal(carrierEventsSignal, {
      source: 'webhook',
      receivedAt: new Date(now).toISOString(),
      events: [{ status: 'out_for_delivery', occurredAt: new Date(now).toISOString(), description: 'On vehicle', carrierEventId: 'e2' }],
    });
    await sim.addEvent(order.trackingNumber, { code: 'DL', occurredAt: new Date(now + 60_000).toISOString(), description: 'Delivered', eventId: 'e3' });
    const outcome = await order.handle.result();
    expect(outcome.finalStatus).toBe('delivered');

    const final = await stack.repos.orders.findByCode(order.code);
    expect(final?.revision).toBeGreaterThan(revisionBefore);
    const keys = (await createNotificationRepository(stack.mongo).listForOrder(order.code)).map((n) => n.key).sort();
    expect(keys).toEqual(
      ['delivered', 'out_for_delivery', 'shipped'].map((t) => `notify:${order.code}:${t}:email`).sort(),
    );

    // Every run of the chain replays cleanly.
    // Walk the chain backwards: each run's first event names the run it continued.
    const runs: { workflowId: string; history: unknown }[] = [];
    let runId: string | undefined | null = (await order.handle.describe()).runId;
    while (runId) {
      const history = await stack.temporal.workflow.getHandle(order.handle.workflowId, runId).fetchHistory();
      runs.push({ workflowId: order.handle.workflowId, history });
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    }
    expect(runs.length).toBeGreaterThan(1);
    expect(await replay(runs)).toBe(runs.length);
    await maybeRecord('continue-as-new-final-run', order.handle);
  });

  it('carries timings changed by settingsChangedSignal into the next run (a new run does not re-read the configuration)', async () => {
    const order = await placeSimulatorOrder(stack, uniqueName('CANSET'), { prepare: (tn) => sim.manualShipment(tn) });
    const now = await env.currentTimeMs();
    await order.handle.signal(carrierEventsSignal, {
      source: 'webhook',
      receivedAt: new Date(now).toISOString(),
      events: [{ status: 'in_transit', occurredAt: new Date(now - 60_000).toISOString(), description: 'Departed', carrierEventId: 'cs1' }],
    });
    await order.handle.signal(settingsChangedSignal, { stallThresholdMs: 48 * HOUR });
    const firstRun = (await order.handle.describe()).runId;

    await env.sleep(6 * HOUR);
    expect((await order.handle.describe()).runId).not.toBe(firstRun);
    const state = await order.handle.query(getStateQuery);
    expect(Date.parse(state.stallDeadline!) - Date.parse(state.domain.lastProgressAt!)).toBe(48 * HOUR);
    await order.handle.terminate('test finished');
  });
});
