import type { Milestone, ShipmentStatus, StatusSource } from '../../domain/shipment-status.js';
import type { CarrierEta, TrackingEvent } from '../../domain/tracking-event.js';

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
