import { CARRIER_CATALOG, carrierTrackingUrl } from '../../carriers/catalog.js';
import { isCarrierId } from '../../carriers/carrier-adapter.js';
import type { OrderRecord } from '../../db/orders/order-record.js';
import type { TrackingViewDocument } from '../../db/tracking-views/view-document.js';
import type { Milestone, ShipmentStatus } from '../../domain/shipment-status.js';
import type { EventLocation } from '../../domain/tracking-event.js';
import type { OrderLinks } from './order-view.js';

/** A carrier as the customer pages show it: name, logo, and its own page for this parcel. */
export interface CarrierDisplay {
  id: string;
  name: string;
  /** Same-origin path or absolute URL of its logo (e.g. `/static/carriers/ups.svg`). */
  logoUrl: string;
  /** The carrier's own public page for this tracking number, when there is one. */
  trackingUrl?: string;
}

/** A place with optional coordinates (the carrier's when given; else the page looks the city up). */
export interface ViewPlace extends EventLocation {
  lat?: number;
  lon?: number;
}

/** One scan of the timeline, oldest first (the page sorts newest first). */
export interface TrackingViewEvent {
  /** ISO 8601 with the carrier's offset; the page shows it in the customer's time zone. */
  occurredAt: string;
  status: ShipmentStatus;
  description: string;
  location?: ViewPlace;
}

/**
 * Everything the tracking view of one order shows (src/web's `TrackingView` is this type), from the order's
 * tracking-view document (src/db/tracking-views). Contact details come masked (the page's own masking of
 * them changes nothing). The street address is never part of it.
 */
export interface TrackingPageView {
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
  carrier: CarrierDisplay;
  /** `carrier_outage`: the carrier's tracking service is down (carrier health), so updates may be late. */
  carrierNotice?: 'carrier_outage';
  trackingNumber?: string;
  /** The current estimate: a day plus its confident range (ISO dates or date-times). */
  estimate?: { date?: string; earliest?: string; latest?: string };
  /** The first date promised at purchase; "late" is judged against the latest of estimate/promise. */
  promisedDate?: string;
  deliveredAt?: string;
  events: TrackingViewEvent[];
  /** City-level destination only (never the street). */
  destination: ViewPlace;
  /** Customer contact, masked (`Jane D.`, `j•••@e•••.com`, `••• 4567`). */
  contact: { name?: string; email?: string; phone?: string };
  items: { name: string; quantity: number }[];
  preferences: { channels: string[]; language: string };
  /** The answer already given, if any (feedback is once per order). */
  feedback?: { rating: number; comment?: string };
}

/** The carrier of an order for display; the logo is same-origin (the API's static route). */
export function carrierDisplay(order: Pick<OrderRecord, 'carrierId' | 'trackingNumber'>, links: OrderLinks): CarrierDisplay {
  const info = isCarrierId(order.carrierId) ? CARRIER_CATALOG[order.carrierId] : undefined;
  return {
    id: order.carrierId,
    name: info?.displayName ?? order.carrierId,
    logoUrl: info?.logoPath ?? '/static/carriers/unknown.svg',
    ...(info && order.trackingNumber ? { trackingUrl: carrierTrackingUrl(info.id, order.trackingNumber, links.carrierEnv) } : {}),
  };
}

/** The page's view of an order from its tracking-view document (src/db/tracking-views). */
export function toTrackingPageView(doc: TrackingViewDocument, links: OrderLinks): TrackingPageView {
  const eta = doc.estimatedDelivery;
  return {
    orderCode: doc.orderCode,
    revision: doc.revision,
    status: doc.status,
    ...(doc.subStatus ? { subStatus: doc.subStatus } : {}),
    milestone: doc.milestone,
    milestoneAt: { ...doc.milestoneAt },
    placedAt: doc.placedAt,
    language: doc.preferences.language,
    carrier: carrierDisplay(doc, links),
    ...(doc.trackingNumber ? { trackingNumber: doc.trackingNumber } : {}),
    ...(eta && (eta.date || eta.earliest || eta.latest)
      ? { estimate: { ...(eta.date ? { date: eta.date } : {}), ...(eta.earliest ? { earliest: eta.earliest } : {}), ...(eta.latest ? { latest: eta.latest } : {}) } }
      : {}),
    ...(doc.promisedDate ? { promisedDate: doc.promisedDate } : {}),
    ...(doc.deliveredAt ? { deliveredAt: doc.deliveredAt } : {}),
    events: [...doc.events]
      .sort((a, b) => a.at - b.at)
      .map((e) => ({ occurredAt: e.occurredAt, status: e.status, description: e.description, ...(e.location ? { location: { ...e.location } } : {}) })),
    destination: { ...doc.destination },
    contact: { ...doc.contact },
    items: doc.items.map((i) => ({ name: i.name, quantity: i.quantity })),
    preferences: { channels: [...doc.preferences.channels], language: doc.preferences.language },
    ...(doc.feedback ? { feedback: { ...doc.feedback } } : {}),
  };
}
