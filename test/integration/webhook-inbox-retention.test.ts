import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createRelayInbox } from '../../src/services/webhook-relay/relay-inbox.js';
import { storedPart } from '../../src/services/webhook-relay/relay-item.js';
import { createInboxRetention } from '../../src/db/webhook-inbox/retention.js';
import { createLogger } from '../../src/observability/logger.js';
import { startRelayLoops } from '../../src/services/webhook-relay/relay-loops.js';
import { storeSimEvent } from '../support/inbox-entries.js';
import { uniqueName } from '../support/servers.js';
import { useTestConnection } from '../support/test-connection.js';

const db = useTestConnection('retention');

describe('webhook inbox retention (real MongoDB wire server)', () => {
  it('deletes settled entries past the retention with their receipts, and keeps every entry still to relay', async () => {
    const inbox = createRelayInbox(db());
    const retention = createInboxRetention(db());
    const tn = uniqueName('TN');
    const store = (key: string) => storeSimEvent(inbox, { trackingNumber: tn, key: uniqueName(key) });
    const delivered = [{ trackingNumber: tn, orderCode: 'ORD-1', state: 'delivered' as const }];

    const byReceipt = await store('receipt');
    const byStatus = await store('status');
    const unmatched = await store('unmatched');
    const waiting = await store('waiting');
    const retrying = await store('retry');
    await inbox.saveOutcomes(
      [
        { id: byReceipt.id, ...storedPart(byReceipt), deliveries: delivered, status: 'relayed' },
        // Relayed by a sweep (the entry itself updated, no receipt).
        { id: byStatus.id, deliveries: delivered, status: 'relayed' },
        { id: unmatched.id, ...storedPart(unmatched), deliveries: [{ trackingNumber: tn, state: 'unmatched' }], status: 'unmatched' },
        { id: retrying.id, ...storedPart(retrying), retry: { attempts: 1, nextAttemptAt: new Date(Date.now() + 60_000), error: 'Temporal unreachable' } },
      ],
      new Date(),
    );
    const receipts = db().db!.collection('webhook_relay_receipts');
    expect(await receipts.countDocuments({ _id: { $in: [byReceipt, byStatus].map((e) => new Types.ObjectId(e.id)) } })).toBe(1);

    // Not past the retention yet: nothing goes.
    expect(await retention.purgeSettled(new Date(Date.now() - 60_000))).toBe(0);
    expect(await inbox.findById(byReceipt.id)).not.toBeNull();

    // Past it (entries received before a moment after all of them): the settled ones and their receipts go.
    expect(await retention.purgeSettled(new Date(Date.now() + 2_000))).toBe(3);
    for (const gone of [byReceipt, byStatus, unmatched]) expect(await inbox.findById(gone.id)).toBeNull();
    expect(await receipts.countDocuments({ _id: new Types.ObjectId(byReceipt.id) })).toBe(0);
    // Accepted but not relayed yet: kept whatever their age.
    expect((await inbox.findById(waiting.id))?.status).toBe('pending');
    expect((await inbox.findById(retrying.id))?.status).toBe('retry');
  });

  it('runs from the API\'s relay loops with the configured retention', async () => {
    const inbox = createRelayInbox(db());
    const calls: Date[] = [];
    const fixedNow = new Date('2026-12-03T12:00:00Z');
    const idle = async () => 0;
    const stop = startRelayLoops(
      {
        workflowStarter: { startPending: idle } as never,
        webhookRelay: { sweep: idle, idle: async () => {}, close: async () => {} } as never,
        webhookInbox: inbox,
        inboxRetention: { purgeSettled: async (before: Date) => (calls.push(before), 0) },
        notificationCallbacks: { startOwedFailovers: idle } as never,
      },
      createLogger('silent'),
      { inboxRetentionMs: 30 * 86_400_000, now: () => fixedNow, retentionIntervalMs: 50, retentionFirstRunMs: 50 },
    );
    await new Promise((r) => setTimeout(r, 300));
    await stop();
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls[0]).toEqual(new Date('2026-11-03T12:00:00Z'));
  });
});
