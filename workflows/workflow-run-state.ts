import { initialShipmentState, type ShipmentState } from '../src/domain/shipment-state.js';
import { stallDeadlineMs } from '../src/domain/stall-policy.js';
import type { NotificationPreferences } from '../src/domain/notification-policy.js';
import type {
  CancelPayload,
  CarriedShipmentState,
  CarrierEventsBatchPayload,
  CarrierEventsPayload,
  ShipmentSettings,
  ShipmentSettingsChange,
  ShipmentWorkflowInput,
  ShipmentWorkflowState,
} from './shipment-messages.js';

/**
 * The workflow's whole memory, as plain JSON. Everything in it is either the domain state or an
 * orchestration fact that must survive continue-as-new (deadlines are absolute epoch ms).
 */
export interface WorkflowMemory extends CarriedShipmentState {
  pollNowRequested: boolean;
  phase: ShipmentWorkflowState['phase'];
}

export function initialMemory(input: ShipmentWorkflowInput, nowMs: number): WorkflowMemory {
  if (input.carried) return { ...input.carried, pollNowRequested: false, phase: 'tracking' };
  return {
    domain: initialShipmentState(input.placedAt),
    ...(input.trackingNumber ? { trackingNumber: input.trackingNumber } : {}),
    revision: 0,
    // The first look-up happens as soon as there is a tracking number, then every poll interval.
    nextPollAtMs: nowMs,
    sentNotificationKeys: [],
    pendingEvents: [],
    ...(input.preferences ? { preferences: input.preferences } : {}),
    consecutivePollFailures: 0,
    pollNowRequested: false,
    phase: 'registering',
  };
}

/** What is carried into the next run; buffered signals go along so none is lost. */
export function carry(memory: WorkflowMemory): CarriedShipmentState {
  const { pollNowRequested: _poll, phase: _phase, ...carried } = memory;
  return carried;
}

export function view(input: ShipmentWorkflowInput, memory: WorkflowMemory, thresholdMs: number): ShipmentWorkflowState {
  const deadline = stallDeadlineMs(memory.domain, thresholdMs);
  return {
    orderCode: input.orderCode,
    carrierId: input.carrierId,
    ...(memory.trackingNumber ? { trackingNumber: memory.trackingNumber } : {}),
    status: memory.domain.status,
    domain: memory.domain,
    revision: memory.revision,
    ...(memory.trackingNumber ? { nextPollAt: new Date(memory.nextPollAtMs).toISOString() } : {}),
    ...(deadline !== null ? { stallDeadline: new Date(deadline).toISOString() } : {}),
    stalled: memory.stallAlertRaisedFor !== undefined && memory.stallAlertRaisedFor === memory.domain.lastProgressAt,
    consecutivePollFailures: memory.consecutivePollFailures,
    phase: memory.phase,
  };
}

/** Signal handlers only buffer: they must never throw or await, or the workflow task would wedge. */
export function bufferEvents(memory: WorkflowMemory, payload: CarrierEventsPayload): void {
  if (Array.isArray(payload?.events)) memory.pendingEvents.push(payload);
}

/** Each part of a batched signal is buffered as if it had come on its own. */
export function bufferEventBatch(memory: WorkflowMemory, payload: CarrierEventsBatchPayload): void {
  if (Array.isArray(payload?.parts)) for (const part of payload.parts) bufferEvents(memory, part);
}

export function bufferCancel(memory: WorkflowMemory, payload: CancelPayload): void {
  memory.cancelRequested ??= payload;
}

export function setPreferences(memory: WorkflowMemory, prefs: NotificationPreferences): void {
  if (prefs && Array.isArray(prefs.channels)) memory.preferences = prefs;
}

const CHANGEABLE_SETTINGS = ['pollIntervalMs', 'stallThresholdMs', 'deliveredGracePeriodMs'] as const;

/**
 * Applies an operator's change of timings to the run's settings (in place, so every later decision and the
 * next continue-as-new use it); returns whether anything changed. Invalid fields are ignored, never thrown.
 */
export function changeSettings(settings: ShipmentSettings, change: ShipmentSettingsChange): boolean {
  let changed = false;
  for (const key of CHANGEABLE_SETTINGS) {
    const value = change?.[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || settings[key] === value) continue;
    settings[key] = value;
    changed = true;
  }
  return changed;
}

export type { ShipmentState };
