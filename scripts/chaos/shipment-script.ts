import { simulatorTrackingNumber } from '../../src/carriers/tracking-number/index.js';
import type { DbConnection } from '../../src/db/connection.js';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import type { RunningCarrierSim } from '../../src/simulators/carrier/start-carrier-sim.js';
import { signedSimWebhook } from '../bench/sim-webhook.js';
import type { Ledger, PlacedOrder, ScanCode } from './ledger.js';

/** A request the load sends (and re-sends until 2xx): its identity and exact body. */
export type LoadRequest = { kind: 'webhook'; eventId: string; body: string } | { kind: 'order'; code: string; body: string };

export interface ShipmentScriptOptions {
  runId: string;
  simWebhookSecret: string;
  sim: Pick<RunningCarrierSim, 'store'>;
  /** The read model, for the "delivered only after out for delivery shows" rule. */
  mongo: DbConnection;
  ledger: Ledger;
  /** An order gets between 3 and this many in-transit scans before its out-for-delivery scan. */
  maxScansBeforeDelivery: number;
}

/**
 * What the carrier and the shop do in the chaos run: new orders (for numbers the carrier simulator knows and
 * reports nothing for by itself), and the next scan for the accepted orders in turn: in-transit scans, then
 * out for delivery, then delivered once the read model shows out for delivery, then nothing more. So every
 * milestone is reached in order and each must have its notification requests: a delivery processed before
 * an earlier scan is, by design, announced without the earlier milestone, which would make the expected
 * notifications depend on timing.
 */
export function createShipmentScript(options: ShipmentScriptOptions) {
  const { ledger } = options;
  const orders = createOrderRepository(options.mongo);
  const active: PlacedOrder[] = [];
  const scanTarget = new Map<string, number>();
  /** Each order's out-for-delivery webhook, once sent. */
  const odEvent = new Map<string, string>();
  /** When the read model was last asked whether an order shows out for delivery (Infinity: it does). */
  const gateCheckedAt = new Map<string, number>();
  let serial = 0;
  let orderSerial = 0;
  let turn = 0;

  /** Whether the read model shows the order out for delivery (asked at most every 2 s per order). */
  function deliveryGateOpen(order: PlacedOrder): boolean {
    const last = gateCheckedAt.get(order.code) ?? 0;
    if (Date.now() - last < 2_000) return false;
    gateCheckedAt.set(order.code, Date.now());
    void orders.findByCode(order.code).then(
      (o) => {
        if (o?.milestone === 'out_for_delivery') gateCheckedAt.set(order.code, Number.POSITIVE_INFINITY);
      },
      () => {},
    );
    return last === Number.POSITIVE_INFINITY;
  }

  return {
    /** Orders taking scans. */
    activeCount: () => active.length,

    /** Called on an order's first 2xx: it starts taking scans. */
    accepted(order: PlacedOrder): void {
      active.push(order);
    },

    newOrder(): LoadRequest {
      const code = `CHAOS-${options.runId}-${orderSerial}`;
      const trackingNumber = simulatorTrackingNumber(600_000_000 + (Number.parseInt(options.runId.slice(-4), 16) % 1000) * 100_000 + orderSerial++);
      options.sim.store.register({ trackingNumber, scenario: 'manual' });
      ledger.orders.set(code, { code, trackingNumber, attempts: 0, stage: 'scanning', scans: 0 });
      scanTarget.set(code, 3 + Math.floor(Math.random() * Math.max(1, options.maxScansBeforeDelivery - 2)));
      const body = JSON.stringify({
        orderCode: code,
        customer: { email: `${code.toLowerCase()}@example.com`, name: 'Chaos Customer', phone: '+15551234567' },
        items: [{ sku: 'SKU-1', name: 'Widget', quantity: 1, weightGrams: 300 }],
        shippingAddress: { line1: '1 Main St', city: 'Portland', postalCode: '97201', country: 'US' },
        shipping: { carrier: 'simulator', trackingNumber },
        notifications: { channels: ['email', 'sms'] },
      });
      return { kind: 'order', code, body };
    },

    /** The next scan, for the next accepted order in turn; undefined while none takes scans. */
    nextWebhook(): LoadRequest | undefined {
      if (active.length === 0) return undefined;
      const order = active[turn++ % active.length]!;
      let code: ScanCode = 'IT';
      const odAccepted = ledger.webhooks.get(odEvent.get(order.code) ?? '')?.acceptedAt !== undefined;
      if (order.stage === 'scanning' && order.scans >= scanTarget.get(order.code)!) code = 'OD';
      else if (odAccepted && deliveryGateOpen(order)) code = 'DL';
      if (code === 'OD') order.stage = 'od-sent';
      if (code === 'DL') {
        order.stage = 'dl-sent';
        // No scan after delivery: the shipment is done (later scans would be the carrier's error).
        active.splice(active.indexOf(order), 1);
      }
      if (code === 'IT') order.scans += 1;
      const eventId = `${options.runId}-${serial++}`;
      if (code === 'OD') odEvent.set(order.code, eventId);
      ledger.webhooks.set(eventId, { eventId, orderCode: order.code, code, attempts: 0 });
      return { kind: 'webhook', eventId, body: signedSimWebhook(options.simWebhookSecret, order.trackingNumber, eventId, code).body };
    },
  };
}
