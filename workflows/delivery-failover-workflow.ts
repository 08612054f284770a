/**
 * Failover after a delivery report: Twilio said the SMS of "delivered" or an exception did not reach the
 * phone (undelivered/failed), after its NotificationWorkflow had ended with `sent`. Started by the API's
 * status-callback handler with id `deliveryFailoverWorkflowId(key)` and REJECT_DUPLICATE, so repeated
 * callbacks start it once; the activity re-reads the recorded state and the failover key's unique index
 * makes the e-mail happen once even if the activity is retried.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

// Database writes and a workflow start: short, retried until they go through.
const io = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Fails the SMS request `key` over to the customer's other channel; returns the new request's key or 'none'. */
export async function DeliveryFailoverWorkflow(key: string): Promise<string> {
  return (await io.failoverUndeliveredNotification(key)) ?? 'none';
}
