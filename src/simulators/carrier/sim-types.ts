import type { CarrierId } from '../../carriers/carrier-adapter.js';
import type { ScenarioName } from './scenarios/scenario-types.js';

/** Where a scan happened, as the simulator's API renders it. */
export interface SimLocation {
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
}

/** One scan of a simulated shipment. */
export interface SimEvent {
  /** Creation order within the shipment; duplicates of one scan have different seqs and the same eventId. */
  seq: number;
  eventId: string;
  /** A simulator status code (see `SIM_STATUS_CODES`); control requests may add unknown ones. */
  code: string;
  description: string;
  location?: SimLocation;
  /** ISO 8601 with the scan place's offset. */
  occurredAt: string;
  occurredAtMs: number;
  /** Simulator-clock time from which the carrier reports it (tracking answers, webhooks). */
  visibleAtMs: number;
  /** Offset of `occurredAt`, for renderers that write local times. */
  utcOffsetMinutes: number;
}

/** Where and how new scans of a shipment are pushed. */
export interface WebhookTarget {
  url: string;
  /** Which carrier's webhook format (and signature recipe) to use. */
  format: CarrierId;
  /** Signing secret (EasyPost, AfterShip, simulator), URL token (Shippo) or credential (UPS). */
  secret?: string;
}

/** How a shipment is played: a scripted scenario or `manual` (only events added through the control API). */
export type SimScenario = ScenarioName | 'manual';

/** A shipment the simulated carrier knows. */
export interface SimShipment {
  trackingNumber: string;
  shipmentId: string;
  /** The carrier format that created it; picks the default webhook target. */
  carrier: CarrierId;
  orderCode?: string;
  serviceLevel?: string;
  scenario: SimScenario;
  /** Carrier time the scenario starts (its first scan), epoch ms. */
  startAtMs: number;
  /** Extra speed-up of this shipment's scenario on top of the clock's. */
  timeScale: number;
  events: SimEvent[];
  /** Promised delivery instant and the destination's offset (to render a local date). */
  eta?: { atMs: number; utcOffsetMinutes: number };
  /** Simulator-clock window during which its tracking look-ups fail (`api_outage`). */
  outage?: { fromMs: number; toMs: number };
  requests: { tracking: number; faulted: number; lastTrackingAtMs?: number };
  webhook?: WebhookTarget;
  /** Seqs already handed to the webhook sender. */
  webhookSent: Set<number>;
  /** Outcome of finished webhook deliveries. */
  webhookStats: { delivered: number; failed: number };
}
