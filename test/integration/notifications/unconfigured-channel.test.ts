import { beforeAll, describe, expect, it } from 'vitest';
import { notificationBatchWorkflowId } from '../../../workflows/notification-messages.js';
import { eventually } from '../../support/eventually.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { uniqueName } from '../../support/servers.js';
import type { TestStack } from '../../support/stack.js';
import { useTestServers } from '../../support/test-servers.js';

/**
 * On an installation without SMS (no TWILIO_* set, as in this stack), a milestone an order wants by SMS only
 * ends skipped with the reason in the read-model write itself: no NotificationBatchWorkflow is started for it.
 */
const suite = useTestServers('dev', { carrierSim: true });
let stack: TestStack;

beforeAll(async () => {
  stack = await suite.stack();
});

describe('a request on a channel this installation has not configured', () => {
  it('is skipped with the reason at once, and no notification workflow runs for it', async () => {
    expect(stack.config.notifications.channels.sms).toBeUndefined();
    const code = uniqueName('NOSMS');
    const order = await placeSimulatorOrder(stack, code, {
      prepare: (tn) => suite.servers.sim.manualShipment(tn),
      overrides: { customer: { email: `${code.toLowerCase()}@example.com`, phone: '+905321119999' }, notifications: { channels: ['sms'] } },
    });
    await suite.servers.sim.addEvent(order.trackingNumber, { code: 'PU', description: 'Picked up', occurredAt: new Date().toISOString(), eventId: `${code}-pu` });
    await stack.services.shipmentActions.pollNow(code);
    const key = `notify:${code}:shipped:sms`;
    const request = await eventually(() => stack.repos.notifications.find(key), (r) => r !== null, 30_000);
    expect(request).toMatchObject({ status: 'skipped', reason: 'channel sms is not configured on this installation' });
    await expect(stack.temporal.workflow.getHandle(notificationBatchWorkflowId([key])).describe()).rejects.toThrow(/not found/i);
  }, 60_000);
});
