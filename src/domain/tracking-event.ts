import type { ShipmentStatus, SubStatus } from './shipment-status.js';

/** A place as carriers report it; every part optional because carriers omit freely. */
export interface EventLocation {
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  /** Free-text location when the carrier gives no parts. */
  text?: string;
}

/**
 * One carrier scan, normalized. Produced by carrier mappers (webhook and poll paths alike) and consumed by
 * the domain reducer. Plain JSON only: it travels through Temporal signals and activity results.
 */
export interface TrackingEvent {
  status: ShipmentStatus;
  subStatus?: SubStatus;
  /** ISO 8601; keeps the carrier's offset when it gave one (e.g. `2024-03-01T10:15:00-05:00`). */
  occurredAt: string;
  description: string;
  location?: EventLocation;
  /** The carrier's own code for this event (e.g. UPS `I`/`005`, FedEx `OD`), kept for audit and support. */
  carrierCode?: string;
  /** The carrier's unique id for this event when it has one; the primary de-duplication key. */
  carrierEventId?: string;
}

/** The carrier's own delivery estimate, when it gives one. */
export interface CarrierEta {
  /** ISO date (`2024-03-04`) or date-time. */
  date: string;
  /** Optional window as ISO date-times. */
  windowStart?: string;
  windowEnd?: string;
}

/** What one tracking look-up or one webhook yields for one tracking number. */
export interface TrackingUpdate {
  trackingNumber: string;
  events: TrackingEvent[];
  eta?: CarrierEta;
  /** True when the carrier said it does not know this number (not an error of the poller). */
  notFound?: boolean;
  /**
   * The carrier that carries the parcel, as an aggregator (EasyPost, AfterShip, Shippo) reports it, in
   * our carrier ids; absent from a direct carrier's updates and for carriers we have no id for. A webhook
   * may move only orders of the carrier it came through, or of the carrier an aggregator says it tracks.
   */
  carrierId?: string;
}
