import type { OrderRecord } from '../src/db/orders/order-record.js';
import { isEnded, type InitialRequestState, type NotificationRecord, type NotificationRepository } from '../src/db/notifications/repository.js';
import { isNotificationSendError } from '../src/notifications/send-error.js';
import { FIRST_RETRY_DELAY_MS, type FirstAttemptOutcome } from '../workflows/notification-messages.js';
import type { NotificationRequestInput } from './activity-types.js';
import { endingFailure } from './send-failure.js';
import { decideMessage, deliveryStateOf, readOrderFacts, sendMessage, type MessageDeps, type OrderFacts } from './notify-message.js';
import { recordRevisionRequests, unconfiguredRequests } from './revision-requests.js';

/**
 * The first attempt at every message of a revision, in one activity: the NotificationBatchWorkflow's
 * (`sendNotifications`: one read per request, one of the order, customer and preferences, a `sending` and a
 * `sent` mark per message) or, since the ShipmentWorkflow sends in its read-model write, that write's
 * (`sendRevision`: the requests are recorded already decided, so neither the request reads nor the
 * `sending` marks are made).
 */
export function createNotifyBatchActivities(deps: MessageDeps & { notifications: NotificationRepository }) {
  /** A failed first attempt: permanent → `failed` now (failover next); anything else is delivered again later. */
  async function firstFailure(request: NotificationRecord, error: unknown): Promise<FirstAttemptOutcome> {
    const key = request.key;
    const ending = endingFailure(error);
    if (ending) {
      await deps.notifications.markFailed(key, ending.reason, deps.now(), ending.outcome === 'permanent');
      return { key, outcome: ending.outcome };
    }
    // Transient, or not a provider's answer at all: the later attempts (Temporal's retries) decide.
    deps.logger.warn('notification: first attempt failed, retried', { key, err: error instanceof Error ? error.message : String(error) });
    const retryAfterMs = isNotificationSendError(error) ? (error.retryAfterMs ?? 0) : 0;
    return { key, outcome: 'retry', delayMs: Math.max(FIRST_RETRY_DELAY_MS, retryAfterMs) };
  }

  /** Hands messages already marked `sending` to their providers side by side; records each outcome. */
  async function sendAll(toSend: NotificationRecord[], facts: OrderFacts, outcomes: Map<string, FirstAttemptOutcome>): Promise<void> {
    // Settled, all of them, before a failure is thrown: a retry must not re-send a sibling still in flight.
    const settled = await Promise.allSettled(
      toSend.map(async (request) => {
        let receipt;
        try {
          receipt = await sendMessage(deps, request, facts, false);
        } catch (error) {
          outcomes.set(request.key, await firstFailure(request, error));
          return;
        }
        // Each as soon as its provider took it, not with its sibling: Twilio's status callback finds the SMS
        // by the id stored here, and an undelivered report must find it to fail over.
        await deps.notifications.markSent(request.key, receipt.providerMessageId, deliveryStateOf(request, receipt), deps.now(), request);
        deps.logger.info('notification sent', { key: request.key, providerMessageId: receipt.providerMessageId });
        outcomes.set(request.key, { key: request.key, outcome: 'sent' });
      }),
    );
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** What to do with one open request now: its initial state and, unless it is sent now, its outcome. */
  function decide(request: NotificationRecord, facts: OrderFacts | null): { state: InitialRequestState; outcome?: FirstAttemptOutcome } {
    const key = request.key;
    const decision = decideMessage(deps, request, facts);
    if (!decision.send) return { state: { status: 'skipped', reason: decision.reason }, outcome: { key, outcome: 'skipped' } };
    // Measured after deciding (the decision read the clock too): a message not held has no delay.
    const delayMs = decision.notBeforeMs - deps.now().getTime();
    // Quiet hours: the workflow waits; preferences are read again when the wait ends.
    if (delayMs > 0) return { state: { status: 'requested', notBefore: new Date(decision.notBeforeMs) }, outcome: { key, outcome: 'held', delayMs } };
    return { state: { status: 'sending' } };
  }

  /**
   * Decides each message from what is stored now and sends those not held, side by side. A retry of this
   * activity (the store failed) finds the ones already sent ended and sends only the others. `known`: the
   * facts of orders the caller read already in this attempt (with the push subscriptions where it has push
   * requests); the others are read here.
   */
  async function sendRecorded(keys: string[], known?: ReadonlyMap<string, OrderFacts | null>): Promise<FirstAttemptOutcome[]> {
    const requests = new Map((await deps.notifications.findMany(keys)).map((r) => [r.key, r]));
    const open = [...requests.values()].filter((r) => !isEnded(r.status));
    const facts = new Map<string, OrderFacts | null>(known);
    for (const orderCode of new Set(open.map((r) => r.orderCode))) {
      if (facts.has(orderCode)) continue;
      const withPush = open.some((r) => r.orderCode === orderCode && r.channel === 'push');
      facts.set(orderCode, await readOrderFacts(deps, orderCode, withPush));
    }
    const outcomes = new Map<string, FirstAttemptOutcome>();
    const toSend: NotificationRecord[] = [];
    for (const key of keys) {
      const request = requests.get(key);
      if (!request) {
        deps.logger.warn('notification request not found', { key });
        outcomes.set(key, { key, outcome: 'unknown' });
        continue;
      }
      if (isEnded(request.status)) {
        await deps.notifications.recountEnded(request);
        // Failed for good by an attempt whose end was not returned (the store failed after): the failover
        // is still owed (it is idempotent by its key, so one started before is not started twice).
        outcomes.set(key, { key, outcome: request.status === 'failed' && request.permanentFailure ? 'permanent' : 'done' });
        continue;
      }
      const { state, outcome } = decide(request, facts.get(request.orderCode) ?? null);
      if (state.status === 'skipped') await deps.notifications.markSkipped(key, state.reason, deps.now());
      else if (state.status === 'requested') await deps.notifications.setNotBefore(key, state.notBefore, deps.now());
      if (outcome) outcomes.set(key, outcome);
      else toSend.push(request);
    }
    for (const request of toSend) await deps.notifications.markSending(request.key, deps.now());
    const byOrder = new Map<string, NotificationRecord[]>();
    for (const r of toSend) byOrder.set(r.orderCode, [...(byOrder.get(r.orderCode) ?? []), r]);
    for (const [orderCode, list] of byOrder) await sendAll(list, facts.get(orderCode)!, outcomes);
    return keys.map((key) => outcomes.get(key)!);
  }

  return {
    /** The NotificationBatchWorkflow's first attempt at the requests recorded under `keys`. */
    sendNotifications: (keys: string[]) => sendRecorded(keys),

    /**
     * Records a revision's requests and makes the first attempt at them (the read-model write's last step).
     * Each request is decided before it is recorded and inserted in the state that decision gives (skipped,
     * held, or `sending` with one attempt), so the send needs no read of the request and no `sending` mark.
     * Requests recorded before (a retried write) go the NotificationBatchWorkflow's way: read, decided from
     * what is stored, sent unless ended (the order's facts read once per attempt, for both). A request on a
     * channel this installation has not configured is recorded skipped and has no outcome. Returns one
     * outcome per configured request, in order. `order`: the order as the caller's write just left it (its
     * read is saved).
     */
    async sendRevision(n: NotificationRequestInput, at: Date, order?: OrderRecord): Promise<FirstAttemptOutcome[]> {
      const unconfigured = unconfiguredRequests(n.requests, deps.channels.available);
      const sendable = n.requests.filter((r) => !unconfigured.has(r.key));
      const known = order?.code === n.orderCode ? order : undefined;
      const facts = sendable.length > 0 ? await readOrderFacts(deps, n.orderCode, sendable.some((r) => r.channel === 'push'), known) : null;
      const decided = new Map<string, InitialRequestState>();
      const outcomes = new Map<string, FirstAttemptOutcome>();
      const toSend: NotificationRecord[] = [];
      for (const r of sendable) {
        const record: NotificationRecord = { key: r.key, orderCode: n.orderCode, trigger: r.trigger, channel: r.channel, status: 'requested', requestedAt: at.toISOString(), attempts: 0 };
        const { state, outcome } = decide(record, facts);
        decided.set(r.key, state);
        if (outcome) outcomes.set(r.key, outcome);
        else toSend.push({ ...record, status: 'sending', attempts: 1 });
      }
      const fresh = await recordRevisionRequests(deps.notifications, n, at, unconfigured, decided);
      if (facts) await sendAll(toSend.filter((r) => fresh.has(r.key)), facts, outcomes);
      const again = sendable.filter((r) => !fresh.has(r.key)).map((r) => r.key);
      if (again.length > 0) for (const o of await sendRecorded(again, new Map([[n.orderCode, facts]]))) outcomes.set(o.key, o);
      return sendable.map((r) => outcomes.get(r.key)!);
    },
  };
}
