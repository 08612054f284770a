/**
 * The messages one revision of a shipment asked for (usually e-mail and SMS of one milestone), from their
 * recorded requests to their ends. One activity reads the order, customer and preferences once and sends
 * every message that is not held; only a message held by quiet hours or failed on that first attempt goes
 * on, each on its own (`followUp`). Only keys travel (no PII in history).
 *
 * Since patch `notifications-in-read-model-write` the ShipmentWorkflow makes that first attempt in its own
 * read-model write and starts a NotificationFollowUpWorkflow only for what it left; this workflow stays
 * for the runs of earlier releases and for failover messages (a batch of one).
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { followUp } from './notification-follow-up.js';

// Sends every message once; it throws only when the store fails, and is retried then (already sent ones
// are recognised by their recorded status). Two providers called side by side: 60 s.
const first = proxyActivities<Activities>({
  startToCloseTimeout: '60 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Sends the messages recorded under `keys`; returns how each ended, in the same order. */
export async function NotificationBatchWorkflow(keys: string[]): Promise<string[]> {
  const outcomes = await first.sendNotifications(keys);
  return Promise.all(outcomes.map(followUp));
}
