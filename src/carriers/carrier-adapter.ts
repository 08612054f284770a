import type { PostalAddress } from '../domain/postal-address.js';
import type { CarrierEta, TrackingUpdate } from '../domain/tracking-event.js';
import type { CarrierId } from './carrier-ids.js';

export type { PostalAddress };

// Ids derive from the one list of carrier manifests (all.ts); the errors live in a leaf module so carrier
// code can throw them without importing this file (which loads every carrier through the id list).
export { CARRIER_IDS, isCarrierId, type CarrierId } from './carrier-ids.js';
export { PermanentCarrierError, TransientCarrierError } from './carrier-errors.js';

/** What a carrier can do; the workflow branches on these flags, never on carrier ids. */
export interface CarrierCapabilities {
  /** Can create a shipment / label and hand back a tracking number. */
  createShipment: boolean;
  /** Pushes tracking updates to our webhook endpoint. */
  webhooks: boolean;
  /** Answers tracking look-ups (the poll path). */
  tracking: boolean;
  /** Most tracking numbers accepted in one look-up call (1 = no batching). */
  maxBatchSize: number;
}

/** A request to register a shipment with a carrier. Addresses are looked up by activities, never passed in workflows. */
export interface CreateShipmentRequest {
  orderCode: string;
  serviceLevel?: string;
  from: PostalAddress;
  to: PostalAddress;
  parcel?: { weightGrams?: number };
}

export interface CreatedShipment {
  trackingNumber: string;
  carrierShipmentId?: string;
  labelUrl?: string;
  eta?: CarrierEta;
}

/** A webhook as received: raw bytes matter because signatures are computed over them. */
export interface IncomingWebhook {
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
  /** Client address, for optional IP allow-lists. */
  remoteAddress?: string;
  /** Receipt time in epoch ms; signature timestamp tolerance is checked against it. */
  receivedAtMs: number;
}

/** Outcome of webhook verification; `ok: false` means answer 401 and store nothing. */
export type WebhookVerification = { ok: true } | { ok: false; reason: string };

/** A parsed webhook: zero or more tracking updates plus the provider's delivery id for de-duplication. */
export interface ParsedWebhook {
  /** The provider's id for this delivery/event, when it has one (used to drop duplicate deliveries). */
  deliveryId?: string;
  updates: TrackingUpdate[];
}

/**
 * One carrier behind one interface. Pure parts (`parseTracking`, `parseWebhook`, `verifyWebhook`) are
 * usable without network; `track` and `createShipment` do I/O through the adapter's client.
 */
export interface CarrierAdapter {
  readonly id: CarrierId;
  readonly displayName: string;
  readonly capabilities: CarrierCapabilities;
  /** Public tracking page for a number, e.g. `https://www.ups.com/track?tracknum={n}`. */
  trackingUrl(trackingNumber: string): string;
  /** Looks up one or more numbers (at most `capabilities.maxBatchSize`). */
  track(trackingNumbers: string[]): Promise<TrackingUpdate[]>;
  createShipment?(request: CreateShipmentRequest): Promise<CreatedShipment>;
  /** Maps a raw tracking response body (JSON text or XML text) to updates. Never throws on unknown codes. */
  parseTracking(body: string): TrackingUpdate[];
  verifyWebhook?(webhook: IncomingWebhook): WebhookVerification;
  parseWebhook?(webhook: IncomingWebhook): ParsedWebhook;
}
