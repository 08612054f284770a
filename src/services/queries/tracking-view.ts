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
  logoUrl: string;
  trackingUrl?: string;
}

/** One scan of the timeline, oldest first. */
export interface TrackingViewEvent {
  occurredAt: string;
  status: ShipmentStatus;
  description: string;
  location?: EventLocation;
}

/**
 * One order as its tracking page shows it (the shape src/web's `TrackingView` asks for; the process's
 * wiring hands this service to the pages, and the compiler checks the two agree there). Contact details
 * are whole: the page masks them. The street address is never part of it.
 */
export interface TrackingPageView {
  orderCode: string;
  revision: number;
  status: ShipmentStatus;
  subStatus?: string;
  milestone: Milestone;
  milestoneAt: Partial<Record<Milestone, string>>;
  placedAt: string;
  language?: string;
  carrier: CarrierDisplay;
  /** A short notice about the carrier (its tracking service is down), from carrier health. */
  carrierNotice?: 'carrier_outage';
  trackingNumber?: string;
  estimate?: { date?: string; earliest?: string; latest?: string };
  promisedDate?: string;
  deliveredAt?: string;
  events: TrackingViewEvent[];
  destination: EventLocation;
  contact: { name?: string; email?: string; phone?: string };
  items: { name: string; quantity: number }[];
  preferences: { channels: string[]; language: string };
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
