import type { CarrierId } from '../../carriers/carrier-adapter.js';
import type { SimStore } from './sim-store.js';
import type { WebhookTarget } from './sim-types.js';
import type { WebhookDelivery, WebhookSender } from './webhook-types.js';

/** Default webhook target per carrier format, for shipments registered without their own. */
export type WebhookTargets = Partial<Record<CarrierId, WebhookTarget>>;

/**
 * Scans that became visible and were not pushed yet, per shipment in the order the carrier reported them
 * (visibility, then creation order): a late out-of-order scan is pushed after the newer one, as a real carrier
 * would. They are marked as handed over at once, so a slow sender never gets the same scan twice.
 */
export function takeDueDeliveries(store: SimStore, targets: WebhookTargets, nowMs: number): WebhookDelivery[][] {
  const perShipment: WebhookDelivery[][] = [];
  for (const shipment of store.list()) {
    const target = shipment.webhook ?? targets[shipment.carrier];
    if (!target) continue;
    const due = shipment.events
      .filter((event) => event.visibleAtMs <= nowMs && !shipment.webhookSent.has(event.seq))
      .sort((a, b) => a.visibleAtMs - b.visibleAtMs || a.seq - b.seq);
    for (const event of due) shipment.webhookSent.add(event.seq);
    if (due.length > 0) perShipment.push(due.map((event) => ({ target, shipment, event, nowMs })));
  }
  return perShipment;
}

/** Sends each shipment's deliveries in order (one shipment's retries never reorder its scans); shipments in parallel. */
export async function dispatchWebhooks(sender: WebhookSender, batches: WebhookDelivery[][]): Promise<void> {
  await Promise.all(
    batches.map(async (batch) => {
      for (const delivery of batch) {
        const result = await sender.send(delivery);
        delivery.shipment.webhookStats[result.delivered ? 'delivered' : 'failed'] += 1;
      }
    }),
  );
}
