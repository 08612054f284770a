import type { Milestone, ShipmentStatus, StatusSource } from '../src/domain/shipment-status.js';
import type { CarrierEta, TrackingEvent } from '../src/domain/tracking-event.js';
import type { NotificationRequest } from '../src/domain/notification-policy.js';

/** One state change of a shipment, projected into MongoDB (orders, shipments, events, audit log). */
export interface ProjectionInput {
  orderCode: string;
  carrierId: string;
  /** Monotonic per shipment (carried across continue-as-new): older projections are ignored. */
  revision: number;
  status: ShipmentStatus;
  subStatus?: string;
  milestone: Milestone;
  milestoneAt: Partial<Record<Milestone, string>>;
  trackingNumber?: string;
  carrierEta?: CarrierEta;
  lastEventAt?: string;
  lastProgressAt?: string;
  deliveredAt?: string;
  cancelledAt?: string;
  stalledSince?: string | null;
  /** Events accepted by this change (already de-duplicated by the reducer). */
  newEvents: TrackingEvent[];
  /** The audit entry: present when the displayed status changed. */
  change?: {
    from: ShipmentStatus;
    to: ShipmentStatus;
    source: StatusSource;
    carrierEventIds: string[];
    receivedAt: string;
    inboxId?: string;
  };
  /** Source of `newEvents` (webhook, poll, manual). */
  eventSource: StatusSource;
}

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
  raiseStall?: StallAlertInput;
  resolveStall?: ResolveStallInput;
  feedback?: FeedbackRequestInput;
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
