/**
 * Names and payloads shared by the notification and operator-alert workflows, the activities that start
 * them and the tests. Plain JSON only (ISO strings, epoch ms).
 */

/** Attempts of one delivery before the request is marked failed ("gave up after N attempts"). */
export const NOTIFY_MAX_ATTEMPTS = 6;

/** The NotificationWorkflow's id: the request's idempotency key itself, so a second start is rejected. */
export function notificationWorkflowId(key: string): string {
  return key;
}

/**
 * The NotificationBatchWorkflow's id: its first key. A revision's keys are requested by that revision only
 * (the ShipmentWorkflow remembers sent keys), so a retried start finds its own batch, and a key is taken by
 * one workflow: a batch, or a NotificationWorkflow of an earlier release under the key itself.
 */
export function notificationBatchWorkflowId(keys: readonly string[]): string {
  if (keys.length === 0) throw new Error('a notification batch needs at least one key');
  return keys[0]!;
}

/** The wait before a message whose first attempt failed transiently is tried again (the retry policy's first step). */
export const FIRST_RETRY_DELAY_MS = 2_000;

/** How the first attempt at one message of a batch ended (`sendNotifications`). */
export type FirstAttemptOutcome =
  /** Ended here, or before (`done`), or not found (`unknown`): nothing more to do. */
  | { key: string; outcome: 'sent' | 'skipped' | 'failed' | 'done' | 'unknown' }
  /** Held by quiet hours, or failed transiently (`retry`): deliver after `delayMs` (the activity's clock). */
  | { key: string; outcome: 'held' | 'retry'; delayMs: number }
  /** Failed for good, recorded `failed`: a failover candidate. */
  | { key: string; outcome: 'permanent' };

/** Whether a message's first attempt left something to do: a wait, a later attempt or a failover. */
export function needsFollowUp(o: FirstAttemptOutcome): boolean {
  return o.outcome === 'held' || o.outcome === 'retry' || o.outcome === 'permanent';
}

/** The DeliveryFailoverWorkflow's id: one failover per undelivered message, however often Twilio reports it. */
export function deliveryFailoverWorkflowId(key: string): string {
  return `failover:${key}`;
}

/** What `prepareNotification` decided. `done`: the request already ended (sent, failed or skipped). */
export type PreparedNotification =
  /** `delayMs`: the wait measured by the activity's clock, so a worker and a server whose clocks differ agree. */
  | { action: 'send'; notBeforeMs: number; delayMs: number }
  | { action: 'skip' | 'done' };

/** How a delivery ended when it did not throw. */
export type DeliveryOutcome = { outcome: 'sent'; providerMessageId: string } | { outcome: 'skipped'; reason: string };

/** ApplicationFailure type of a permanent send failure (no retry; failover candidate). */
export const PERMANENT_SEND_FAILURE = 'NotificationPermanentFailure';

/**
 * One operator alert episode, raised or resolved: a stall or a run of failed polls of one shipment, or an
 * outage of a whole carrier. `endedAt` (resolved only): when the episode ended, so the message says how long
 * it lasted by the clock that saw it end (a workflow's), not by the sender's.
 */
export type OperatorAlertInput =
  | { kind: 'stall' | 'poll_failures'; orderCode: string; episode: string; state: 'raised' | 'resolved'; endedAt?: string }
  | { kind: 'carrier_outage'; carrierId: string; episode: string; state: 'raised' | 'resolved'; endedAt?: string; openShipments?: number };

/** The OperatorAlertWorkflow's id: once per episode and state. */
export function operatorAlertWorkflowId(input: OperatorAlertInput): string {
  const subject = input.kind === 'carrier_outage' ? input.carrierId : input.orderCode;
  return `ops:${input.kind}:${subject}:${input.episode}:${input.state}`;
}
