import type { PostalAddress } from '../../domain/postal-address.js';
import type { Milestone, ShipmentStatus } from '../../domain/shipment-status.js';
import type { PurchaseInput } from '../../../ml/purchase-input.js';

/** Orders store addresses in the domain's shape, so they pass to carriers unchanged. */
export type AddressRecord = PostalAddress;

export interface OrderItemRecord {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents?: number;
  weightGrams?: number;
}

/** Where an estimate came from: the carrier's own date, the ETA model, its per-lane baseline, the prior, the shop. */
export type EtaSource = 'carrier' | 'model' | 'baseline' | 'prior' | 'shop';

/** Where the parcel was when the estimate was last revised (none: the purchase-time estimate). */
export type EtaRevisionStage = 'picked_up' | 'in_destination_region' | 'out_for_delivery';

/**
 * The delivery estimate shown for an order. Dates are `YYYY-MM-DD` on the customer's calendar (their time
 * zone), never a UTC midnight; `date` is the most likely day, `earliest`/`latest` the 10th–90th percentile.
 */
export interface EstimatedDelivery {
  /** ISO date of the most likely delivery day. */
  date?: string;
  earliest?: string;
  latest?: string;
  source?: EtaSource;
  /** The promise made at purchase ("arrives by"): written once at placement, never changed afterwards. */
  promisedDate?: string;
  /** The current "arrives by": the promise, moved only when the most likely date passed it. */
  arrivesBy?: string;
  /** Model artifact version, or `prior-v1`. */
  modelVersion?: string;
  /** The stage of the last revision; absent for the purchase-time estimate. */
  stage?: EtaRevisionStage;
  /** The carrier's own date the last revision blended in, when it gave one. */
  carrierDate?: string;
  /** Why the last revision moved the date (machine-readable code and words), and when it happened. */
  reasonCode?: string;
  reason?: string;
  revisedAt?: string;
}

/**
 * What the ETA service was asked at purchase (ml/purchase-input.ts's PurchaseInput, kept with the order):
 * revisions and the delivery record ask it again about the same order.
 */
export type EtaInputRecord = Omit<PurchaseInput, 'orderId' | 'sellerCount' | 'freightCost' | 'category'>;

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
  /** The customer's IANA time zone: delivery dates are calendar dates on their calendar. */
  customerTimeZone?: string;
  /** The ETA service's input at purchase; absent on orders placed before the ETA was wired. */
  etaInput?: EtaInputRecord;
  /** The estimate made at purchase, kept as it was for accuracy reporting (revisions change `estimatedDelivery`). */
  etaAtPurchase?: EstimatedDelivery;
  /** The delivery promised at purchase (`date`: the "arrives by" day), which the delivery-performance report measures against. */
  promisedDelivery?: EstimatedDelivery;
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
/** What an ETA revision reads of an order. */
/** What a projection's ETA revision reads of the order (and the report rollup its bucket and purchase promise from). */
export type OrderEtaState = Pick<OrderRecord, 'code' | 'carrierId' | 'revision' | 'placedAt' | 'shippingAddress' | 'estimatedDelivery' | 'promisedDelivery' | 'etaInput' | 'etaAtPurchase'>;

export type RelayTarget = Pick<OrderRecord, 'code' | 'workflowId' | 'workflowStartedAt'>;
