import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFollowUpWorkflows, type FollowUpWorkflows } from '../../../activities/follow-up-workflows.js';
import type { EmbeddedTemporal } from '../../../src/embedded/temporal-server.js';
import { startTestCarrierSim, type TestCarrierSim } from '../../support/carrier-sim.js';
import { eventually } from '../../support/eventually.js';
import { placeSimulatorOrder } from '../../support/lifecycle.js';
import { startNotifyStack, type NotifyStack } from '../../support/notify-stack.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../../support/servers.js';

let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let notify: NotifyStack;
let followUps: FollowUpWorkflows;

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  notify = await startNotifyStack({ mongoServer, temporalServer, sim });
  followUps = createFollowUpWorkflows(notify.stack.temporal, notify.stack.config.temporal.taskQueue);
});

afterAll(async () => {
  await notify?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

/** An order whose customer chose e-mail and SMS, with its "delivered" requests recorded (not yet started). */
async function recordedRequests(prefix: string, phone: string) {
  const code = uniqueName(prefix);
  // Only "delivered" wanted, and the shipment never delivers: the workflow itself asks for nothing here.
  await placeSimulatorOrder(notify.stack, code, {
    prepare: (tn) => sim.manualShipment(tn),
    overrides: { customer: { email: `${code.toLowerCase()}@example.com`, phone }, notifications: { channels: ['email', 'sms'], triggers: ['delivered'] } },
  });
  const keys = [`notify:${code}:delivered:email`, `notify:${code}:delivered:sms`];
  await notify.stack.repos.notifications.recordRequests(code, 9, [
    { key: keys[0]!, trigger: 'delivered', channel: 'email' },
    { key: keys[1]!, trigger: 'delivered', channel: 'sms' },
  ], new Date());
  return { code, keys };
}

async function expectOneEach(code: string, phone: string): Promise<void> {
  await eventually(() => notify.stack.repos.notifications.listForOrder(code), (l) => l.length === 2 && l.every((n) => n.status === 'sent'), 30_000);
  await new Promise((r) => setTimeout(r, 1_000));
  expect(notify.smtp.mails.filter((m) => m.envelopeTo.includes(`${code.toLowerCase()}@example.com`))).toHaveLength(1);
  expect(notify.twilio.store.messages.filter((m) => m.direction === 'outbound-api' && m.to === phone)).toHaveLength(1);
}

describe('starting a revision\'s notification batch (real Temporal dev server)', () => {
  it('a repeated start (a retried read-model write) finds the batch: one workflow for both keys, each message once', async () => {
    const phone = '+905321239001';
    const { code, keys } = await recordedRequests('NBS', phone);
    await followUps.startNotifications(keys);
    await followUps.startNotifications(keys);
    const batch = notify.stack.temporal.workflow.getHandle(keys[0]!);
    expect(await batch.result()).toEqual(['sent', 'sent']);
    expect((await batch.describe()).type).toBe('NotificationBatchWorkflow');
    await expect(notify.stack.temporal.workflow.getHandle(keys[1]!).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await expectOneEach(code, phone);
  }, 90_000);

  it('after an upgrade mid-write (the first key already has a per-message workflow of the earlier release), the other keys go that way too', async () => {
    const phone = '+905321239002';
    const { code, keys } = await recordedRequests('NBU', phone);
    // What the earlier release's write started before its attempt failed: the first key's own workflow only.
    await notify.stack.temporal.workflow.start('NotificationWorkflow', { workflowId: keys[0]!, taskQueue: notify.stack.config.temporal.taskQueue, args: [keys[0]!] });
    await followUps.startNotifications(keys);
    const second = notify.stack.temporal.workflow.getHandle(keys[1]!);
    expect((await second.describe()).type).toBe('NotificationWorkflow');
    expect(await second.result()).toBe('sent');
    expect(await notify.stack.temporal.workflow.getHandle(keys[0]!).result()).toBe('sent');
    await expectOneEach(code, phone);
  }, 90_000);
});
