import type { CarrierEta, TrackingEvent } from '../src/domain/tracking-event.js';
import type { NotificationRequest } from '../src/domain/notification-policy.js';
import type { ProjectionInput } from '../src/db/shipments/projection-input.js';
import type { FirstAttemptOutcome } from '../workflows/notification-messages.js';

/**
 * The projection contract lives with the read model that stores it (src/db must not import activities);
 * re-exported here because the workflow and the activities speak of it as an activity's input.
 */
export type { ProjectionInput } from '../src/db/shipments/projection-input.js';

export interface NotificationRequestInput {
  orderCode: string;
  revision: number;
  requests: NotificationRequest[];
}

/**
 * One revision's read-model writes in one activity: its projection, then its notification requests if any.
 * Since patch `follow-ups-in-read-model-write` the revision's follow-ups ride along too (a stall alert
 * raised before the projection, a stall resolved and a feedback request after it), instead of each being an
 * activity Temporal schedules, dispatches and completes, with a workflow task of its own after it.
 */
export interface ReadModelWriteInput {
  projection: ProjectionInput;
  notifications?: NotificationRequestInput;
  /**
   * Since patch `notifications-in-read-model-write`: the write makes the first attempt at the revision's
   * messages itself, last, instead of starting a NotificationBatchWorkflow for them.
   */
  sendNotifications?: boolean;
  raiseStall?: StallAlertInput;
  resolveStall?: ResolveStallInput;
  feedback?: FeedbackRequestInput;
}

/** What a read-model write that sent the revision's messages left for a NotificationFollowUpWorkflow. */
export interface ReadModelWriteResult {
  /** The messages the first attempt did not end (held, to retry, failed for good), keys only. */
  notificationFollowUps: FirstAttemptOutcome[];
}

/** The follow-up of one revision's messages: its id (the revision's first key) and what is left. */
export interface NotificationFollowUpInput {
  workflowId: string;
  outcomes: FirstAttemptOutcome[];
}

export interface RegisterShipmentInput {
  orderCode: string;
  carrierId: string;
  serviceLevel?: string;
}

export interface RegisterShipmentResult {
  /** Absent when the carrier cannot create shipments: the workflow then waits for `shipmentAssigned`. */
  trackingNumber?: string;
  eta?: CarrierEta;
}

export interface PollCarrierInput {
  orderCode: string;
  carrierId: string;
  trackingNumber: string;
}

export interface PollCarrierResult {
  events: TrackingEvent[];
  eta?: CarrierEta;
  notFound?: boolean;
}

export interface PollFailureInput {
  orderCode: string;
  carrierId: string;
  trackingNumber: string;
  failedAt: string;
  consecutiveFailures: number;
  errorType: string;
  message: string;
}

export interface StallAlertInput {
  orderCode: string;
  carrierId: string;
  /** The stall episode: the progress time the shipment has been stuck at. */
  lastProgressAt: string;
  stalledSince: string;
  raisedAt: string;
}

export interface ResolveStallInput {
  orderCode: string;
  lastProgressAt: string;
  resolvedAt: string;
}

export interface FeedbackRequestInput {
  orderCode: string;
  deliveredAt: string;
}

/** A poll succeeded after `failures` failed ones: the run of failures (and its alert episode, if any) ends. */
export interface PollRecoveredInput {
  orderCode: string;
  carrierId: string;
  recoveredAt: string;
  failures: number;
}
