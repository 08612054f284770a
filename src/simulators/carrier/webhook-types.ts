import type { SimEvent, SimShipment, WebhookTarget } from './sim-types.js';

/** One scan to push to one target. */
export interface WebhookDelivery {
  target: WebhookTarget;
  shipment: SimShipment;
  event: SimEvent;
  /** Simulator-clock time of the push (renderers show the shipment as of then). */
  nowMs: number;
}

/** Pushes deliveries; resolves once delivered or given up (never rejects). */
export interface WebhookSender {
  send(delivery: WebhookDelivery): Promise<{ delivered: boolean; attempts: number; status?: number }>;
}
