import type { PostalAddress } from '../../domain/postal-address.js';
import type { Milestone, ShipmentStatus } from '../../domain/shipment-status.js';

/** Orders store addresses in the domain's shape, so they pass to carriers unchanged. */
export type AddressRecord = PostalAddress;

export interface OrderItemRecord {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents?: number;
  weightGrams?: number;
}

export interface EstimatedDelivery {
  /** ISO date of the most likely delivery day. */
  date?: string;
  earliest?: string;
  latest?: string;
  source?: 'carrier' | 'model' | 'shop';
}

export interface NotificationPreferencesRecord {
  channels: string[];
  triggers?: string[];
  language: string;
  /** IANA zone of quiet hours and dates in messages. */
  timeZone?: string;
  /** SMS held between these local `HH:MM` times (e-mail is not held). */
  quietHours?: { start: string; end: string };
}

/** An order as the read model holds it, as plain data (what services and pages use). */
export interface OrderRecord {
  code: string;
  customerId: string;
  items: OrderItemRecord[];
  shippingAddress: AddressRecord;
  currency?: string;
  totalCents?: number;
  carrierId: string;
  serviceLevel?: string;
  trackingNumber?: string;
  trackingStatus?: string;
  status: ShipmentStatus;
  subStatus?: string;
  milestone: Milestone;
  estimatedDelivery?: EstimatedDelivery;
  notificationPreferences: NotificationPreferencesRecord;
  trackingToken: string;
  idempotencyKey?: string;
  requestHash: string;
  workflowId: string;
  workflowStartedAt?: string;
  revision: number;
  placedAt: string;
  lastEventAt?: string;
  deliveredAt?: string;
  cancelledAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** What order intake writes. */
export type NewOrder = Omit<OrderRecord, 'revision' | 'createdAt' | 'updatedAt' | 'status' | 'milestone' | 'workflowStartedAt'>;

/** A status projection from the workflow; applied only when `revision` is newer than the stored one. */
export interface OrderProjection {
  revision: number;
  status: ShipmentStatus;
  subStatus?: string | null;
  milestone: Milestone;
  trackingNumber?: string;
  trackingStatus?: string;
  estimatedDelivery?: EstimatedDelivery | null;
  lastEventAt?: string | null;
  deliveredAt?: string | null;
  cancelledAt?: string | null;
}

/**
 * What the webhook relay needs of an order to signal its workflow: a plain signal needs only these; the
 * rare signal-with-start (its start not confirmed) reads the whole order by code.
 */
export type RelayTarget = Pick<OrderRecord, 'code' | 'workflowId' | 'workflowStartedAt'>;
