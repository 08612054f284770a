import { maskContact } from '../../domain/contact-mask.js';
import { parseInstant } from '../../domain/instant.js';
import { eventKey } from '../../domain/event-key.js';
import { MILESTONES, type Milestone, type ShipmentStatus } from '../../domain/shipment-status.js';
import type { EventLocation } from '../../domain/tracking-event.js';
import { definedFields } from '../defined-fields.js';
import type { EstimatedDelivery, OrderRecord } from '../orders/order-record.js';
import type { ProjectionInput } from '../shipments/projection-input.js';

/** One scan as the view document keeps it (`at`: epoch ms of `occurredAt`, for sorting). */
export interface ViewEventEntry {
  key: string;
  occurredAt: string;
  at: number;
  status: ShipmentStatus;
  description: string;
  location?: EventLocation;
}

/**
 * An order's tracking view as stored (`tracking_views`): what the page and the JSON look-up show, copied
 * from the order, its shipment, events, customer and feedback. Times are ISO strings. The contact is masked
 * here, so the whole address, e-mail and phone never reach it; the street is never copied.
 */
export interface TrackingViewDocument {
  orderCode: string;
  /** The order's projection revision this document shows. */
  revision: number;
  customerId: string;
  carrierId: string;
  trackingNumber?: string;
  /** The legacy random token: the JSON look-up's `trackingPageUrl` when signed links are not configured. */
  trackingToken: string;
  status: ShipmentStatus;
  subStatus?: string;
  milestone: Milestone;
  milestoneAt: Partial<Record<Milestone, string>>;
  placedAt: string;
  updatedAt: string;
  deliveredAt?: string;
  cancelledAt?: string;
  estimatedDelivery?: EstimatedDelivery;
  promisedDate?: string;
  preferences: { channels: string[]; language: string };
  items: { sku: string; name: string; quantity: number }[];
  /** City, region and country only. */
  destination: { city?: string; region?: string; country?: string };
  contact: { name?: string; email?: string; phone?: string };
  events: ViewEventEntry[];
  feedback?: { rating: number; comment?: string };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const isoOf = (v: unknown): string | undefined => (v instanceof Date ? v.toISOString() : text(v) ? new Date(parseInstant(v as string)).toISOString() : undefined);

/**
 * The delivery promised at purchase, which later estimates do not overwrite: the order's `promisedDelivery`
 * (its last promised day), else a `promisedDate` kept beside the estimate.
 */
function promisedDateOf(order: Pick<OrderRecord, 'estimatedDelivery'>): string | undefined {
  const promise = (order as { promisedDelivery?: EstimatedDelivery }).promisedDelivery;
  const beside = (order.estimatedDelivery as (EstimatedDelivery & { promisedDate?: unknown }) | undefined)?.promisedDate;
  return [promise?.latest, promise?.date, beside].find((c): c is string => typeof c === 'string' && c.length > 0);
}

function locationOf(raw: unknown): EventLocation | undefined {
  const loc = (raw ?? {}) as Record<string, unknown>;
  const out: EventLocation = {};
  for (const key of ['city', 'region', 'postalCode', 'country', 'text'] as const) {
    const value = text(loc[key]);
    if (value) out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A stored tracking event (or one the projection is writing) as the view keeps it. */
function viewEventOf(e: { key?: string; occurredAt: string; status: ShipmentStatus; description?: string | null; location?: unknown }, key = e.key ?? ''): ViewEventEntry {
  const location = locationOf(e.location);
  return { key, occurredAt: e.occurredAt, at: parseInstant(e.occurredAt), status: e.status, description: e.description ?? '', ...(location ? { location } : {}) };
}

/**
 * The parts of the document that change without a new revision (preferences, contact, feedback), each as
 * buildViewDocument copies it: a rebuild re-reads their sources once it has stored the document.
 */
export const viewPreferences = (prefs: Pick<OrderRecord['notificationPreferences'], 'channels' | 'language'>): TrackingViewDocument['preferences'] => ({
  channels: [...prefs.channels],
  language: prefs.language,
});
export const viewContact = (customer: Record<string, unknown> | null): TrackingViewDocument['contact'] =>
  maskContact({ name: text(customer?.name), email: text(customer?.email), phone: text(customer?.phone) });
export const viewFeedback = (feedback: Record<string, unknown> | null): TrackingViewDocument['feedback'] =>
  typeof feedback?.rating === 'number' ? { rating: feedback.rating, ...(text(feedback.comment) ? { comment: feedback.comment as string } : {}) } : undefined;

function milestoneTimes(shipment: Record<string, unknown> | null): Partial<Record<Milestone, string>> {
  const raw = (shipment?.milestoneAt ?? {}) as Record<string, unknown>;
  const out: Partial<Record<Milestone, string>> = {};
  for (const m of MILESTONES) if (text(raw[m])) out[m] = raw[m] as string;
  return out;
}

/** Builds an order's view document from its source rows (plain objects, as the repositories return them). */
export function buildViewDocument(parts: {
  order: OrderRecord;
  shipment: Record<string, unknown> | null;
  events: Record<string, unknown>[];
  customer: Record<string, unknown> | null;
  feedback: Record<string, unknown> | null;
}): TrackingViewDocument {
  const { order, feedback, customer } = parts;
  const address = order.shippingAddress;
  const promisedDate = promisedDateOf(order);
  const answer = viewFeedback(feedback);
  const events = parts.events
    .filter((e) => typeof e.status === 'string' && typeof e.occurredAt === 'string')
    .map((e) => viewEventOf(e as unknown as Parameters<typeof viewEventOf>[0]))
    .sort((a, b) => a.at - b.at);
  return {
    orderCode: order.code,
    revision: order.revision,
    customerId: String(order.customerId),
    carrierId: order.carrierId,
    ...(order.trackingNumber ? { trackingNumber: order.trackingNumber } : {}),
    trackingToken: order.trackingToken,
    status: order.status,
    ...(order.subStatus ? { subStatus: order.subStatus } : {}),
    milestone: order.milestone,
    milestoneAt: { order_received: isoOf(order.placedAt)!, ...milestoneTimes(parts.shipment) },
    placedAt: isoOf(order.placedAt)!,
    updatedAt: isoOf(order.updatedAt) ?? isoOf(order.placedAt)!,
    ...(order.deliveredAt ? { deliveredAt: isoOf(order.deliveredAt)! } : {}),
    ...(order.cancelledAt ? { cancelledAt: isoOf(order.cancelledAt)! } : {}),
    ...(order.estimatedDelivery ? { estimatedDelivery: order.estimatedDelivery } : {}),
    ...(promisedDate ? { promisedDate } : {}),
    preferences: viewPreferences(order.notificationPreferences),
    items: order.items.map((i) => ({ sku: i.sku, name: i.name, quantity: i.quantity })),
    destination: definedFields({ city: text(address.city), region: text(address.region), country: text(address.country) }),
    contact: viewContact(customer),
    events,
    ...(answer ? { feedback: answer } : {}),
  };
}

/**
 * The update a projection makes to its order's view document, mirroring what it writes to the order and
 * shipment (orders' `applyProjection`): the same fields set, the same ones cleared, the new scans added.
 * `eta`: the estimate written to the order, if any.
 */
export function projectionViewUpdate(p: ProjectionInput, eta: EstimatedDelivery | undefined, at: Date): Record<string, object> {
  const set: Record<string, unknown> = { revision: p.revision, status: p.status, milestone: p.milestone, updatedAt: at.toISOString() };
  const unset: Record<string, ''> = {};
  for (const [m, time] of Object.entries(p.milestoneAt)) if (time) set[`milestoneAt.${m}`] = time;
  if (p.trackingNumber) set.trackingNumber = p.trackingNumber;
  if (eta) set.estimatedDelivery = definedFields(eta);
  for (const [key, value] of [['subStatus', p.subStatus], ['deliveredAt', isoOf(p.deliveredAt)], ['cancelledAt', isoOf(p.cancelledAt)]] as const) {
    if (value) set[key] = value;
    else unset[key] = '';
  }
  const update: Record<string, object> = { $set: set };
  if (Object.keys(unset).length > 0) update.$unset = unset;
  // Keyed like the tracking_events rows; `$addToSet` leaves out a scan the document has already.
  if (p.newEvents.length > 0) update.$addToSet = { events: { $each: p.newEvents.map((e) => viewEventOf(e, eventKey(e))) } };
  return update;
}
