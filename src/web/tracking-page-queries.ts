import type { EventLocation } from '../domain/tracking-event.js';
import type { Milestone, ShipmentStatus } from '../domain/shipment-status.js';

/** A place with optional coordinates (the carrier's when given; else the page looks the city up). */
export interface ViewPlace extends EventLocation {
  lat?: number;
  lon?: number;
}

/** A carrier as pages show it; the lead fills it from the carrier manifests (catalog). */
export interface CarrierDisplay {
  id: string;
  name: string;
  /** Same-origin path or absolute URL of its logo (e.g. `/static/carriers/ups.svg`). */
  logoUrl: string;
  /** The carrier's own public page for this tracking number, when there is one. */
  trackingUrl?: string;
}

/** One scan of the history, as the page shows it. */
export interface ViewEvent {
  /** ISO 8601 with the carrier's offset; the page shows it in the customer's time zone. */
  occurredAt: string;
  status: ShipmentStatus;
  description: string;
  location?: ViewPlace;
}

/**
 * Everything the tracking view of one order shows. The lead builds it from the read model (orders,
 * shipments, tracking_events, feedback). Contact details are passed whole and masked by the page, so
 * the read side needs no knowledge of what is shown; the full address is never part of it.
 */
export interface TrackingView {
  orderCode: string;
  /** Monotonic revision of the projection; the live stream sends changes after it. */
  revision: number;
  status: ShipmentStatus;
  subStatus?: string;
  milestone: Milestone;
  /** When each milestone was reached (ISO). */
  milestoneAt: Partial<Record<Milestone, string>>;
  placedAt: string;
  /**
   * The order's language ('en' | 'tr'; others fall back to the browser's): the read model's
   * `notificationPreferences.language`, so saving preferences also changes the page's language.
   */
  language?: string;
  /** The customer's IANA time zone when known (e.g. from the shipping address); else the destination's. */
  timeZone?: string;
  /** The carrier as the page shows it (name, logo URL, its own tracking page for this parcel). */
  carrier: CarrierDisplay;
  /** `carrier_outage`: the carrier's tracking service is down (carrier health), so updates may be late. */
  carrierNotice?: 'carrier_outage';
  trackingNumber?: string;
  /** The current estimate: a day plus its confident range (ISO dates or date-times). */
  estimate?: { date?: string; earliest?: string; latest?: string };
  /** The first date promised at purchase; "late" is judged against the latest of estimate/promise. */
  promisedDate?: string;
  deliveredAt?: string;
  /** Newest last or first: the page sorts (newest first). */
  events: ViewEvent[];
  /** City-level destination only (never the street). */
  destination: ViewPlace;
  /** Customer contact, masked on the page (`j•••@e•••.com`, `••• 4567`). */
  contact: { name?: string; email?: string; phone?: string };
  items: { name: string; quantity: number }[];
  preferences: { channels: string[]; language: string };
  /** The answer already given, if any (feedback is once per order). */
  feedback?: { rating: number; comment?: string };
}

/** What "My Orders" lists per order. */
export interface OrderSummary {
  orderCode: string;
  placedAt: string;
  status: ShipmentStatus;
  carrier: CarrierDisplay;
  trackingNumber?: string;
  estimateDate?: string;
  deliveredAt?: string;
}

/** What `/track` compares the visitor's answer against (normalized and compared by the web layer). */
export interface LookupSubject {
  orderCode: string;
  email?: string;
  postalCode?: string;
}

export type FeedbackResult = 'saved' | 'already_given' | 'not_delivered';

/** A browser push subscription (the Push API's `PushSubscription.toJSON()`). */
export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * The read/write queries the customer pages need. The web layer never touches the database or Temporal
 * itself: the lead implements this against the read model when mounting `createWebRouter`.
 */
export interface TrackingPageQueries {
  /** The order's lookup facts, or null. Called for every lookup (also wrong ones) so timing stays alike. */
  findLookupSubject(orderCode: string): Promise<LookupSubject | null>;
  /** The tracking view of one order, or null when it does not exist (any more). */
  loadTrackingView(orderCode: string): Promise<TrackingView | null>;
  /** Resolves a legacy random `trackingToken` (pre-signed links) to its order code. */
  findOrderCodeByLegacyToken(token: string): Promise<string | null>;
  /** A customer's orders, newest first. */
  listCustomerOrders(customerId: string): Promise<OrderSummary[]>;
  /**
   * Takes effect immediately for the order's next notifications. When the change cannot reach the order's
   * workflow (the workflow service is unreachable) it rejects with an error whose `code` is
   * `WORKFLOW_UNAVAILABLE_CODE`, and has changed nothing.
   */
  savePreferences(orderCode: string, prefs: { channels: string[]; language: string }): Promise<void>;
  /** Once per order and only after delivery. */
  saveFeedback(orderCode: string, answer: { rating: number; comment?: string }): Promise<FeedbackResult>;
  /** Stores a push subscription for the order (the push channel sends to it). */
  savePushSubscription(orderCode: string, subscription: PushSubscriptionInput): Promise<void>;
}

/** The error code of a change that could not reach the order's workflow (the services' TEMPORAL_UNAVAILABLE). */
export const WORKFLOW_UNAVAILABLE_CODE = 'TEMPORAL_UNAVAILABLE';

/** Whether `err` says the workflow service could not be reached (nothing was changed; retry later). */
export const isWorkflowUnavailable = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === WORKFLOW_UNAVAILABLE_CODE;

/** New revisions of orders, as the live stream needs them (see src/db/order-updates). */
export interface OrderUpdateSource {
  /** For each `(orderCode, after)` cursor: the newest revision above `after`, if any. One query per call. */
  newerThan(cursors: readonly { orderCode: string; after: number }[]): Promise<Map<string, number>>;
}

/** Counts hits per key in fixed windows, shared across processes (see src/db/rate-limits). */
export interface RateLimitStore {
  /** Adds one hit to `key`'s current window; returns the window's count and when it resets (epoch ms). */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}
