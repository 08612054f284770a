/**
 * ShipmentWorkflow: one per order, from order placed until delivered (plus a grace period for a late
 * return) or cancelled. A thin loop: decisions live in the pure domain reducer (src/domain); this file
 * registers handlers, waits for signals or timers, and hands effects to activities.
 *
 * Versioning rules (read before changing this file): any change to the order or kind of commands a
 * running workflow issues (activities, timers, continue-as-new, search-attribute upserts) must be guarded
 * with `patched('<change-name>')`, keeping the old branch, then `deprecatePatch()` once no run older than
 * the change is open, then removed. Histories recorded from each release live in
 * test/fixtures/histories/ and are replayed in CI, so a missing patch fails the build.
 *
 * Settings (poll interval, stall threshold, grace period, history limit) are fixed when the run starts:
 * they come in `input.settings` from the configuration of the process that started it, and continue-as-new
 * carries them unchanged (a new run does not read the configuration again). Changing the configuration
 * therefore affects new orders only; running shipments take new timings from `settingsChangedSignal`
 * (README, "The shipment lifecycle"), which this run then carries across continue-as-new.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { ProjectionInput } from '../activities/activity-types.js';
import { applyEvents, applyManualStatus, canApplyManualStatus, type ApplyResult } from '../src/domain/apply-events.js';
import { notificationsForTransition, type NotificationPreferences } from '../src/domain/notification-policy.js';
import type { StatusSource } from '../src/domain/shipment-status.js';
import { stallDeadlineMs } from '../src/domain/stall-policy.js';
import { isTerminalStatus } from '../src/domain/status-rank.js';
import { SHIPMENT_STATUS_SA, STALLED_SINCE_SA } from './search-attributes.js';
import {
  cancelSignal,
  carrierEventsBatchSignal,
  carrierEventsSignal,
  getStateQuery,
  markInPreparationUpdate,
  pollNowSignal,
  preferencesChangedSignal,
  settingsChangedSignal,
  shipmentAssignedSignal,
  type ShipmentOutcome,
  type ShipmentWorkflowInput,
} from './shipment-messages.js';
import { bufferCancel, bufferEventBatch, bufferEvents, carry, changeSettings, initialMemory, setPreferences, view } from './workflow-run-state.js';
import { buildProjection } from './shipment-projection.js';
import { notificationBatchWorkflowId } from './notification-messages.js';

/** Read-model writes must land eventually: unlimited retries with capped backoff. */
const io = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/**
 * The read-model writes of every accepted event (projection, notification requests) run as local
 * activities since patch `local-read-model-writes`: short idempotent database writes that the worker runs
 * inside the workflow task, recorded as a marker, instead of a task Temporal schedules, dispatches and
 * completes, which cost the server a second workflow task per event. Same retry policy as `io`.
 * Since patch `single-read-model-write` a revision's projection and notification requests are one local
 * activity (`writeReadModel`) instead of two in a row.
 */
const localIo = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/**
 * The read-model write that also sends the revision's messages (patch `notifications-in-read-model-write`):
 * two providers called side by side, as the NotificationBatchWorkflow's activity allowed them (60 s). A write
 * that runs past the workflow task timeout keeps the task alive (the SDK heartbeats it).
 */
const localSend = proxyLocalActivities<Activities>({
  startToCloseTimeout: '60s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/**
 * Since this patch a revision's messages are sent by its read-model write (a local activity, last in it),
 * instead of by a NotificationBatchWorkflow the write started: that workflow's start, two workflow tasks
 * and one activity were about a third of the CPU per message. What the first attempt leaves (held by quiet
 * hours, to retry, failed for good) goes to a NotificationFollowUpWorkflow, started only then.
 */
const NOTIFY_IN_WRITE_PATCH = 'notifications-in-read-model-write';

/** Runs recorded before the patch replay with regular activities; new commands take local ones. */
const readModel = () => (patched('local-read-model-writes') ? localIo : io);

/**
 * Since this patch a revision's follow-ups (stall alert raised or resolved, feedback request on delivery)
 * are part of its one local read-model write, no longer regular activities after it: each of those cost
 * the server an activity task, two timeout timers and one more workflow task when it completed.
 */
const FOLLOW_UPS_PATCH = 'follow-ups-in-read-model-write';

/** A poll gets 3 attempts with backoff; then the failure is logged and the next tick tries again (TC004). */
const carrierPoll = proxyActivities<Activities>({
  startToCloseTimeout: '60s',
  retry: { maximumAttempts: 3, initialInterval: '10s', backoffCoefficient: 2, nonRetryableErrorTypes: ['PermanentCarrierError'] },
});

/** Registration keeps trying while the carrier is down; a permanent refusal stops it. */
const carrierRegistration = proxyActivities<Activities>({
  startToCloseTimeout: '60s',
  retry: { initialInterval: '30s', backoffCoefficient: 2, maximumInterval: '30m', nonRetryableErrorTypes: ['PermanentCarrierError'] },
});

/** During the post-delivery grace period a slow poll is enough to catch a late return. */
const GRACE_POLL_INTERVAL_MS = 6 * 3_600_000;
const DEFAULT_PREFERENCES: NotificationPreferences = { channels: ['email'] };

export async function ShipmentWorkflow(input: ShipmentWorkflowInput): Promise<ShipmentOutcome> {
  // `settingsChangedSignal` changes these in place, so the next continue-as-new (`...input`) carries them.
  const { settings } = input;
  const m = initialMemory(input, Date.now());
  const nowIso = () => new Date(Date.now()).toISOString();
  const searchAttributes = settings.searchAttributes !== false;

  setHandler(carrierEventsSignal, (payload) => bufferEvents(m, payload));
  setHandler(carrierEventsBatchSignal, (payload) => bufferEventBatch(m, payload));
  setHandler(cancelSignal, (payload) => bufferCancel(m, payload));
  setHandler(preferencesChangedSignal, (prefs) => setPreferences(m, prefs));
  /** Set by a change of timings: wakes the loop, which recomputes its deadlines with the new ones. */
  let settingsChanged = false;
  /** The poll at the end of the grace period is made once (a continued run may make it again: harmless). */
  let finalPollDone = false;
  setHandler(settingsChangedSignal, (change) => {
    if (!changeSettings(settings, change)) return;
    settingsChanged = true;
    // A shorter poll interval applies now, not after the poll already scheduled with the old one.
    if (m.graceEndsAtMs === undefined) m.nextPollAtMs = Math.min(m.nextPollAtMs, Date.now() + settings.pollIntervalMs);
  });
  setHandler(pollNowSignal, () => {
    m.pollNowRequested = true;
  });
  setHandler(shipmentAssignedSignal, (payload) => {
    if (!m.trackingNumber && typeof payload?.trackingNumber === 'string' && payload.trackingNumber.length > 0) {
      m.trackingNumber = payload.trackingNumber;
      m.nextPollAtMs = Date.now();
    }
  });
  setHandler(getStateQuery, () => view(input, m, settings.stallThresholdMs));
  setHandler(
    markInPreparationUpdate,
    async ({ requestedAt }) => {
      await commit(applyManualStatus(m.domain, 'in_preparation', requestedAt), 'manual', requestedAt);
      return view(input, m, settings.stallThresholdMs);
    },
    {
      validator: ({ requestedAt }) => {
        if (typeof requestedAt !== 'string' || Number.isNaN(Date.parse(requestedAt))) throw new Error('requestedAt must be an ISO date-time');
        if (!canApplyManualStatus(m.domain, 'in_preparation')) {
          throw new Error(`order ${input.orderCode} is past preparation (status ${m.domain.status})`);
        }
      },
    },
  );

  /** Applies a reducer result: projection, audit, notification requests, stall resolution, feedback. */
  async function commit(result: ApplyResult, source: StatusSource, receivedAt: string, inboxId?: string): Promise<void> {
    const changedState = result.state !== m.domain;
    m.domain = result.state;
    if (!changedState && m.revision > 0) return;
    m.revision += 1;
    const d = m.domain;
    if (isTerminalStatus(d.status) && d.status !== 'cancelled' && m.graceEndsAtMs === undefined) {
      m.graceEndsAtMs = Date.now() + settings.deliveredGracePeriodMs;
    }
    if (searchAttributes && result.statusChanged) upsertSearchAttributes([{ key: SHIPMENT_STATUS_SA, value: d.status }]);

    const requests = notificationsForTransition(input.orderCode, result, m.preferences ?? DEFAULT_PREFERENCES).filter(
      (r) => !m.sentNotificationKeys.includes(r.key),
    );
    m.sentNotificationKeys.push(...requests.map((r) => r.key));
    const resolvesStall = result.progressed && m.stallAlertRaisedFor !== undefined;
    const stalledEpisode = m.stallAlertRaisedFor;
    if (resolvesStall) m.stallAlertRaisedFor = undefined;

    const written = projection(result, source, receivedAt, inboxId);
    const notifications = requests.length > 0 ? { orderCode: input.orderCode, revision: m.revision, requests } : undefined;
    const resolveStall = resolvesStall && stalledEpisode ? { orderCode: input.orderCode, lastProgressAt: stalledEpisode, resolvedAt: nowIso() } : undefined;
    const feedback = result.statusChanged && result.to === 'delivered' && d.deliveredAt ? { orderCode: input.orderCode, deliveredAt: d.deliveredAt } : undefined;
    let followUpsWritten = false;
    if (patched('single-read-model-write')) {
      // One local activity per revision: each one costs the worker an activation and a round trip. Its
      // follow-ups join it (patch checked only when there are some, so plain revisions record no marker).
      followUpsWritten = (resolveStall !== undefined || feedback !== undefined) && patched(FOLLOW_UPS_PATCH);
      // Checked only when the revision asks for messages, so plain revisions record no marker.
      const sendHere = notifications !== undefined && patched(NOTIFY_IN_WRITE_PATCH);
      const writeResult = await (sendHere ? localSend : localIo).writeReadModel({
        projection: written,
        ...(notifications ? { notifications } : {}),
        ...(sendHere ? { sendNotifications: true } : {}),
        ...(followUpsWritten && resolveStall ? { resolveStall } : {}),
        ...(followUpsWritten && feedback ? { feedback } : {}),
      });
      const left = sendHere ? (writeResult?.notificationFollowUps ?? []) : [];
      if (notifications && left.length > 0) {
        // Named by the revision's first key, as its batch was: one follow-up per revision, whatever retried.
        const workflowId = notificationBatchWorkflowId(notifications.requests.map((r) => r.key));
        await localIo.startNotificationFollowUp({ workflowId, outcomes: left });
      }
    } else {
      await readModel().projectShipment(written);
      if (notifications) await readModel().requestNotifications(notifications);
    }
    if (resolveStall) {
      if (searchAttributes) upsertSearchAttributes([{ key: STALLED_SINCE_SA, value: null }]);
      if (!followUpsWritten) await io.resolveStallAlert(resolveStall);
    }
    if (feedback && !followUpsWritten) await io.requestFeedback(feedback);
  }

  const projection = (result: ApplyResult, source: StatusSource, receivedAt: string, inboxId?: string): ProjectionInput =>
    buildProjection(input, m, result, { source, receivedAt, ...(inboxId ? { inboxId } : {}) }, settings.stallThresholdMs);

  async function poll(trackingNumber: string): Promise<void> {
    try {
      const update = await carrierPoll.pollCarrier({ orderCode: input.orderCode, carrierId: input.carrierId, trackingNumber });
      const failuresBefore = m.consecutivePollFailures;
      m.consecutivePollFailures = 0;
      // Since this patch a poll that answers after failed ones ends their run (and its operator alert
      // episode, which then says "resolved"); checked only then, so ordinary polls record no marker.
      if (failuresBefore > 0 && patched('poll-failure-resolution')) {
        await localIo.recordPollRecovered({ orderCode: input.orderCode, carrierId: input.carrierId, recoveredAt: nowIso(), failures: failuresBefore });
      }
      if (update.events.length > 0 || update.eta) {
        await commit(applyEvents(m.domain, update.events, nowIso(), update.eta), 'poll', nowIso());
      }
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      m.consecutivePollFailures += 1;
      const cause = err.cause;
      await io.recordPollFailure({
        orderCode: input.orderCode,
        carrierId: input.carrierId,
        trackingNumber,
        failedAt: nowIso(),
        consecutiveFailures: m.consecutivePollFailures,
        errorType: cause instanceof ApplicationFailure ? (cause.type ?? 'ApplicationFailure') : (cause?.name ?? 'Error'),
        message: cause?.message ?? err.message,
      });
    }
  }

  /** The pending wake-up timer (since patch `reuse-wake-timer`): when it is due, and whether it fired. */
  let wake: { at: number; fired: boolean } | undefined;

  if (!input.carried) await commit({ ...applyEvents(m.domain, [], input.placedAt), statusChanged: false }, 'system', input.placedAt);

  for (;;) {
    if (m.cancelRequested && !m.domain.cancelled) {
      await commit(applyManualStatus(m.domain, 'cancelled', m.cancelRequested.requestedAt), 'manual', m.cancelRequested.requestedAt);
    }
    if (m.domain.cancelled) break;

    const batch = m.pendingEvents.shift();
    if (batch) {
      const result = applyEvents(m.domain, batch.events, nowIso(), batch.eta);
      await commit(result, batch.source, batch.receivedAt, batch.inboxId);
      // Pushed progress makes the next poll unnecessary for a while.
      if (batch.source === 'webhook' && result.accepted.length > 0) m.nextPollAtMs = Date.now() + settings.pollIntervalMs;
      continue;
    }

    if (!m.trackingNumber && !m.registrationDone) {
      m.phase = 'registering';
      const registered = await carrierRegistration.registerShipment({
        orderCode: input.orderCode,
        carrierId: input.carrierId,
        ...(input.serviceLevel ? { serviceLevel: input.serviceLevel } : {}),
      });
      m.registrationDone = true;
      if (registered.trackingNumber && !m.trackingNumber) {
        m.trackingNumber = registered.trackingNumber;
        m.nextPollAtMs = Date.now();
        await commit(applyEvents(m.domain, [], nowIso(), registered.eta), 'system', nowIso());
      }
      continue;
    }
    m.phase = m.graceEndsAtMs !== undefined ? 'delivered-grace' : 'tracking';
    if (m.graceEndsAtMs !== undefined && Date.now() >= m.graceEndsAtMs) {
      // One last look at the carrier before closing: the grace polls are hours apart, so a return reported
      // after the last of them would otherwise never reach the order.
      if (m.trackingNumber && !finalPollDone && patched('final-grace-poll')) {
        finalPollDone = true;
        await poll(m.trackingNumber);
        continue;
      }
      break;
    }

    if (m.trackingNumber && (m.pollNowRequested || Date.now() >= m.nextPollAtMs)) {
      m.pollNowRequested = false;
      await poll(m.trackingNumber);
      const interval = m.graceEndsAtMs !== undefined ? Math.max(GRACE_POLL_INTERVAL_MS, settings.pollIntervalMs) : settings.pollIntervalMs;
      m.nextPollAtMs = Date.now() + interval;
      continue;
    }

    const deadline = stallDeadlineMs(m.domain, settings.stallThresholdMs);
    const stallDue = deadline !== null && m.stallAlertRaisedFor !== m.domain.lastProgressAt;
    if (stallDue && Date.now() >= deadline && m.domain.lastProgressAt) {
      m.stallAlertRaisedFor = m.domain.lastProgressAt;
      if (searchAttributes) upsertSearchAttributes([{ key: STALLED_SINCE_SA, value: new Date(deadline) }]);
      const raiseStall = {
        orderCode: input.orderCode,
        carrierId: input.carrierId,
        lastProgressAt: m.domain.lastProgressAt,
        stalledSince: new Date(deadline).toISOString(),
        raisedAt: nowIso(),
      };
      const stalledView = () => ({ ...projection({ ...applyEvents(m.domain, [], nowIso()), statusChanged: false }, 'system', nowIso()), revision: ++m.revision });
      if (patched(FOLLOW_UPS_PATCH)) {
        await localIo.writeReadModel({ projection: stalledView(), raiseStall });
      } else {
        await io.raiseStallAlert(raiseStall);
        await readModel().projectShipment(stalledView());
      }
      continue;
    }

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= settings.historyEventLimit) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof ShipmentWorkflow>({ ...input, ...(m.trackingNumber ? { trackingNumber: m.trackingNumber } : {}), carried: carry(m) });
    }

    const wakeAt = Math.min(
      m.trackingNumber ? m.nextPollAtMs : Infinity,
      stallDue && deadline !== null ? deadline : Infinity,
      m.graceEndsAtMs ?? Infinity,
    );
    const knownTrackingNumber = m.trackingNumber;
    settingsChanged = false;
    const woken = () =>
      settingsChanged ||
      m.pendingEvents.length > 0 ||
      (m.cancelRequested !== undefined && !m.domain.cancelled) ||
      m.pollNowRequested ||
      m.trackingNumber !== knownTrackingNumber;
    if (patched('reuse-wake-timer')) {
      // The wake-up timer outlives the wait it was set for: webhook progress pushes the next poll later
      // with every event, and cancelling the timer and starting a new one each time cost the server (and
      // the history) two events per signal. A timer set for an earlier moment still serves: it wakes this
      // loop, which finds nothing due and sets one for what is left.
      if (wakeAt !== Infinity && (!wake || wake.fired || wake.at > wakeAt)) {
        const timer = { at: wakeAt, fired: false };
        wake = timer;
        void sleep(Math.max(1, wakeAt - Date.now())).then(() => {
          timer.fired = true;
        });
      }
      // Nothing scheduled (no tracking number yet, stall alert raised): only a signal wakes the loop; a
      // timer that fired before must not.
      const current = wakeAt === Infinity ? undefined : wake;
      await condition(() => woken() || current?.fired === true);
    } else if (wakeAt === Infinity) await condition(woken);
    else await condition(woken, Math.max(1, wakeAt - Date.now()));
  }

  await condition(allHandlersFinished);
  return { orderCode: input.orderCode, finalStatus: m.domain.status, endedAt: nowIso() };
}
