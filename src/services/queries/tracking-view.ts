import { CARRIER_CATALOG, carrierTrackingUrl } from '../../carriers/catalog.js';
import { isCarrierId } from '../../carriers/carrier-adapter.js';
import type { Customer } from '../../db/customers/repository.js';
import type { EstimatedDelivery, OrderRecord } from '../../db/orders/order-record.js';
import { isShipmentStatus, MILESTONES, type Milestone, type ShipmentStatus } from '../../domain/shipment-status.js';
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
 * Everything the tracking view of one order shows (src/web's `TrackingView` is this type), built from the
 * read model (orders, shipments, tracking_events, customers, feedback). Contact details are whole: the
 * page masks them. The street address is never part of it.
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
  /** Customer contact, masked on the page (`j•••@e•••.com`, `••• 4567`). */
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

/**
 * The delivery promised at purchase, which later estimates do not overwrite: the order's `promisedDelivery`
 * (its last promised day), else a `promisedDate` kept beside the estimate. Absent: the page compares with
 * the current estimate only.
 */
export function promisedDateOf(order: Pick<OrderRecord, 'estimatedDelivery'>): string | undefined {
  const promise = (order as { promisedDelivery?: EstimatedDelivery }).promisedDelivery;
  const beside = (order.estimatedDelivery as (EstimatedDelivery & { promisedDate?: unknown }) | undefined)?.promisedDate;
  const candidates = [promise?.latest, promise?.date, beside];
  return candidates.find((c): c is string => typeof c === 'string' && c.length > 0);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function toEvent(doc: Record<string, unknown>): TrackingViewEvent | null {
  if (!isShipmentStatus(doc.status)) return null;
  const loc = (doc.location ?? {}) as Record<string, unknown>;
  const location: EventLocation = {};
  for (const key of ['city', 'region', 'postalCode', 'country', 'text'] as const) {
    const value = text(loc[key]);
    if (value) location[key] = value;
  }
  return {
    occurredAt: String(doc.occurredAt),
    status: doc.status,
    description: String(doc.description ?? ''),
    ...(Object.keys(location).length > 0 ? { location } : {}),
  };
}

function milestoneTimes(shipment: Record<string, unknown> | null): Partial<Record<Milestone, string>> {
  const raw = (shipment?.milestoneAt ?? {}) as Record<string, unknown>;
  const out: Partial<Record<Milestone, string>> = {};
  for (const m of MILESTONES) if (text(raw[m])) out[m] = raw[m] as string;
  return out;
}

/** Builds the page's view from the read model's documents. */
export function buildTrackingView(parts: {
  order: OrderRecord;
  shipment: Record<string, unknown> | null;
  events: Record<string, unknown>[];
  customer: Customer | null;
  feedback: { rating?: number | null; comment?: string | null } | null;
  links: OrderLinks;
}): TrackingPageView {
  const { order, customer, feedback } = parts;
  const eta = order.estimatedDelivery;
  const promisedDate = promisedDateOf(order);
  const address = order.shippingAddress;
  return {
    orderCode: order.code,
    revision: order.revision,
    status: order.status,
    ...(order.subStatus ? { subStatus: order.subStatus } : {}),
    milestone: order.milestone,
    milestoneAt: { order_received: order.placedAt, ...milestoneTimes(parts.shipment) },
    placedAt: order.placedAt,
    language: order.notificationPreferences.language,
    carrier: carrierDisplay(order, parts.links),
    ...(order.trackingNumber ? { trackingNumber: order.trackingNumber } : {}),
    ...(eta && (eta.date || eta.earliest || eta.latest)
      ? { estimate: { ...(eta.date ? { date: eta.date } : {}), ...(eta.earliest ? { earliest: eta.earliest } : {}), ...(eta.latest ? { latest: eta.latest } : {}) } }
      : {}),
    ...(promisedDate ? { promisedDate } : {}),
    ...(order.deliveredAt ? { deliveredAt: order.deliveredAt } : {}),
    events: parts.events.map(toEvent).filter((e): e is TrackingViewEvent => e !== null),
    destination: {
      ...(address.city ? { city: address.city } : {}),
      ...(address.region ? { region: address.region } : {}),
      ...(address.country ? { country: address.country } : {}),
    },
    contact: {
      ...(customer?.name ? { name: customer.name } : {}),
      ...(customer?.email ? { email: customer.email } : {}),
      ...(customer?.phone ? { phone: customer.phone } : {}),
    },
    items: order.items.map((i) => ({ name: i.name, quantity: i.quantity })),
    preferences: { channels: [...order.notificationPreferences.channels], language: order.notificationPreferences.language },
    ...(feedback && typeof feedback.rating === 'number' ? { feedback: { rating: feedback.rating, ...(feedback.comment ? { comment: feedback.comment } : {}) } } : {}),
  };
}
