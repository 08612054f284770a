import type { CustomerOrderSummary } from '../services/queries/tracking-page-service.js';
import type { TrackingPageView } from '../services/queries/tracking-view.js';
import type { ServiceErrorCode } from '../services/service-error.js';

export type { CarrierDisplay, ViewPlace, TrackingViewEvent as ViewEvent, TrackingPageView as TrackingView } from '../services/queries/tracking-view.js';
/** What "My Orders" lists per order. */
export type { CustomerOrderSummary as OrderSummary } from '../services/queries/tracking-page-service.js';

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
  loadTrackingView(orderCode: string, options?: ViewReadOptions): Promise<TrackingPageView | null>;
  /** Resolves a legacy random `trackingToken` (pre-signed links) to its order code. */
  findOrderCodeByLegacyToken(token: string): Promise<string | null>;
  /** A customer's orders, newest first. */
  listCustomerOrders(customerId: string): Promise<CustomerOrderSummary[]>;
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
export const WORKFLOW_UNAVAILABLE_CODE = 'TEMPORAL_UNAVAILABLE' satisfies ServiceErrorCode;

/** Whether `err` says the workflow service could not be reached (nothing was changed; retry later). */
export const isWorkflowUnavailable = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === WORKFLOW_UNAVAILABLE_CODE;

/** How a tracking view may be read (meaningful to a cache in front of the read model; the read model ignores it). */
export interface ViewReadOptions {
  /** Read the database now (right after this customer's own write, which may have been on another process). */
  fresh?: boolean;
  /** A cached view older than this revision does not do (the live stream has heard of this one). */
  minRevision?: number;
}

/** A change to an order's tracking view written by any process: a new revision, or one that carries none. */
export interface ViewChange {
  orderCode: string;
  revision?: number;
  /** When its writer wrote it (epoch ms, the writer's clock). */
  at: number;
}

/** Every process's view changes, for the process's view cache (src/db/tracking-views' write stamps and src/db/view-changes). */
export interface ViewChangeSource {
  /** Every change written after `since` (epoch ms). */
  changedSince(since: number): Promise<ViewChange[]>;
}

/** Counts hits per key in fixed windows, shared across processes (see src/db/rate-limits). */
export interface RateLimitStore {
  /** Adds one hit to `key`'s current window; returns the window's count and when it resets (epoch ms). */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}
