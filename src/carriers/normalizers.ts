import type { EventLocation, TrackingEvent, TrackingUpdate } from '../domain/tracking-event.js';
import { CARRIER_MANIFESTS } from './all.js';
import type { BodyNormalizer } from './carrier-manifest.js';
import type { CarrierId } from './carrier-ids.js';

export type { BodyNormalizer };
export { looksLikeXml } from './legacy/json-or-legacy-xml.js';

/** Every carrier's body normalizer, keyed by carrier id, from the manifests (USPS and FedEx also read their legacy XML). */
export const CARRIER_NORMALIZERS = Object.fromEntries(CARRIER_MANIFESTS.map((m) => [m.id, m.normalizeBody])) as Readonly<
  Record<CarrierId, BodyNormalizer>
>;

/** One event as `carrier:normalize` prints it: the documented five keys, `location` only when known. */
export interface NormalizedEventOut {
  status: TrackingEvent['status'];
  occurredAt: string;
  /** The known parts as an object, or the carrier's free text when it gave no parts. */
  location?: Omit<EventLocation, 'text'> | string;
  description: string;
  /** The carrier's own event code; `null` when the carrier gave none (the key is always present). */
  carrierCode: string | null;
}

/** What `carrier:normalize` prints for one tracking number. */
export interface NormalizedBodyOut {
  events: NormalizedEventOut[];
  /** The carrier's estimate as it gave it: ISO date or date-time. */
  eta?: string;
}

/** Thrown when `--tracking-number` names a number the body does not hold. */
export class TrackingNumberNotInBodyError extends Error {
  constructor(readonly trackingNumber: string, readonly available: string[]) {
    super(`tracking number ${trackingNumber} is not in the body (found: ${available.join(', ') || 'none'})`);
    this.name = 'TrackingNumberNotInBodyError';
  }
}

function locationOut(location: EventLocation | undefined): NormalizedEventOut['location'] {
  if (!location) return undefined;
  const { text, ...parts } = location;
  const known = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined && v !== ''));
  if (Object.keys(known).length > 0) return known;
  return text ? text : undefined;
}

function eventOut(event: TrackingEvent): NormalizedEventOut {
  const location = locationOut(event.location);
  // Spread in this order so the printed keys follow the documented shape.
  return {
    status: event.status,
    occurredAt: event.occurredAt,
    ...(location === undefined ? {} : { location }),
    description: event.description,
    carrierCode: event.carrierCode ?? null,
  };
}

/** Epoch ms of an update's most recent event (local times without offset are read as the machine's zone). */
function latestEventMs(update: TrackingUpdate): number {
  const times = update.events.map((e) => Date.parse(e.occurredAt)).filter((t) => !Number.isNaN(t));
  return times.length > 0 ? Math.max(...times) : Number.NEGATIVE_INFINITY;
}

/** The update with the most recent event; the first one wins ties (bodies list the requested number first). */
function pickUpdate(updates: TrackingUpdate[], trackingNumber: string | undefined): TrackingUpdate | undefined {
  if (trackingNumber !== undefined) {
    const wanted = trackingNumber.replace(/\s+/g, '');
    const matches = updates.filter((u) => u.trackingNumber.replace(/\s+/g, '') === wanted);
    if (matches.length === 0) throw new TrackingNumberNotInBodyError(trackingNumber, updates.map((u) => u.trackingNumber));
    return pickUpdate(matches, undefined);
  }
  return updates.reduce<TrackingUpdate | undefined>((best, u) => (best === undefined || latestEventMs(u) > latestEventMs(best) ? u : best), undefined);
}

/**
 * Normalizes one raw body of `carrier` and shapes it for printing: the update for `trackingNumber` when
 * given, else the one with the most recent event. A body with no update (error or not-found answer) yields
 * `{ events: [] }`. Throws the carrier's parse error for an unreadable body and
 * {@link TrackingNumberNotInBodyError} for an absent number.
 */
export function normalizeCarrierBody(carrier: CarrierId, body: string, options: { trackingNumber?: string } = {}): NormalizedBodyOut {
  const update = pickUpdate(CARRIER_NORMALIZERS[carrier](body), options.trackingNumber);
  const out: NormalizedBodyOut = { events: (update?.events ?? []).map(eventOut) };
  if (update?.eta) out.eta = update.eta.date;
  return out;
}
