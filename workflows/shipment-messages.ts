import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CarrierEta, TrackingEvent } from '../src/domain/tracking-event.js';
import type { ShipmentStatus, StatusSource } from '../src/domain/shipment-status.js';
import type { NotificationPreferences } from '../src/domain/notification-policy.js';
import type { ShipmentState } from '../src/domain/shipment-state.js';

/**
 * Messages of ShipmentWorkflow, defined beside it and imported by client code (services), so names are
 * never retyped as strings. Payloads are plain JSON: ISO strings or epoch ms, never Date or class instances.
 */

/**
 * Timings of one shipment: set at start from configuration and carried unchanged across continue-as-new
 * (a new run does not re-read the configuration). Running shipments take new timings only through
 * `settingsChangedSignal`.
 */
export interface ShipmentSettings {
  pollIntervalMs: number;
  stallThresholdMs: number;
  deliveredGracePeriodMs: number;
  /** Continue-as-new once the history holds this many events (well before Temporal's 50k limit). */
  historyEventLimit: number;
  /**
   * Upsert the operator search attributes (status, carrier, stalled-since). On by default; the time-skipping
   * test server has no custom search attributes, so timer tests turn it off.
   */
  searchAttributes?: boolean;
}

/** No PII: addresses, e-mails and phones are looked up by activities from the order code. */
export interface ShipmentWorkflowInput {
  orderCode: string;
  carrierId: string;
  /** A tracking number the shop already has; otherwise the workflow registers a shipment with the carrier. */
  trackingNumber?: string;
  serviceLevel?: string;
  placedAt: string;
  settings: ShipmentSettings;
  /** Channels and triggers only (no addresses); changed later by `preferencesChangedSignal`. */
  preferences?: NotificationPreferences;
  /** Present only on continue-as-new. */
  carried?: CarriedShipmentState;
}

/** What survives continue-as-new: plain JSON only, deadlines as absolute times. */
export interface CarriedShipmentState {
  domain: ShipmentState;
  trackingNumber?: string;
  revision: number;
  nextPollAtMs: number;
  /** `lastProgressAt` of the stall episode an alert was raised for (one alert per episode). */
  stallAlertRaisedFor?: string;
  /** When the post-delivery grace period ends (epoch ms); set once the shipment reaches a final status. */
  graceEndsAtMs?: number;
  /** True once registration with the carrier was tried, so a carrier without label creation is not asked again. */
  registrationDone?: boolean;
  sentNotificationKeys: string[];
  pendingEvents: CarrierEventsPayload[];
  preferences?: NotificationPreferences;
  cancelRequested?: { reason?: string; requestedAt: string };
  consecutivePollFailures: number;
}

/** Carrier events delivered by the webhook relay or an operator; the poll path feeds the same reducer. */
export interface CarrierEventsPayload {
  source: StatusSource;
  receivedAt: string;
  events: TrackingEvent[];
  eta?: CarrierEta;
  /** Webhook inbox id, for the audit log. */
  inboxId?: string;
}

/**
 * Several webhooks for one shipment relayed together (a burst, or the backlog of an outage): one signal
 * instead of one each, every part still buffered as its own batch with its own inbox id. Workers must be
 * deployed before the API processes that send it: a worker without the handler keeps it unhandled.
 */
export interface CarrierEventsBatchPayload {
  parts: CarrierEventsPayload[];
}

export interface CancelPayload {
  reason?: string;
  requestedAt: string;
}

/** The state a query returns: the domain state plus orchestration facts operators care about. */
export interface ShipmentWorkflowState {
  orderCode: string;
  carrierId: string;
  trackingNumber?: string;
  status: ShipmentStatus;
  domain: ShipmentState;
  revision: number;
  nextPollAt?: string;
  stallDeadline?: string;
  stalled: boolean;
  consecutivePollFailures: number;
  phase: 'registering' | 'tracking' | 'delivered-grace' | 'done';
}

export const carrierEventsSignal = defineSignal<[CarrierEventsPayload]>('carrierEvents');
export const carrierEventsBatchSignal = defineSignal<[CarrierEventsBatchPayload]>('carrierEventsBatch');
export const cancelSignal = defineSignal<[CancelPayload]>('cancel');
export const preferencesChangedSignal = defineSignal<[NotificationPreferences]>('preferencesChanged');
export const pollNowSignal = defineSignal('pollNow');
/** The shop shipped with a carrier that cannot create shipments through us: here is the tracking number. */
export const shipmentAssignedSignal = defineSignal<[{ trackingNumber: string }]>('shipmentAssigned');

/**
 * Timings an operator changes for a running shipment (see the README, "The shipment lifecycle"). Fields
 * left out keep their value; a field that is not a positive number is ignored (a signal handler must not
 * throw). The run carries the new timings across continue-as-new.
 */
export type ShipmentSettingsChange = Partial<Pick<ShipmentSettings, 'pollIntervalMs' | 'stallThresholdMs' | 'deliveredGracePeriodMs'>>;
export const settingsChangedSignal = defineSignal<[ShipmentSettingsChange]>('settingsChanged');

/** How a shipment's workflow ended. */
export interface ShipmentOutcome {
  orderCode: string;
  finalStatus: ShipmentStatus;
  endedAt: string;
}
export const getStateQuery = defineQuery<ShipmentWorkflowState>('getState');

/** Admin action that needs an answer: mark the order as being prepared by the shop. */
export const markInPreparationUpdate = defineUpdate<ShipmentWorkflowState, [{ requestedAt: string }]>('markInPreparation');
