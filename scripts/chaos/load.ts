/**
 * The chaos run's sustained load: signed simulator webhooks spread over many orders at a fixed rate, and
 * order placements beside them, each re-sent (same delivery id, same Idempotency-Key) until answered 2xx,
 * as carriers and storefronts do. Every answer goes into the ledger.
 *
 * Each order gets in-transit scans, then, after a number of them, "out for delivery"; "delivered" is sent
 * only once the read model shows out for delivery, so every milestone is reached in order and each must
 * have its notification requests (a delivery processed before an earlier scan is, by design, announced
 * without the earlier milestone, which would make the expected notifications depend on timing).
 */
import { SIM_SIGNATURE_HEADER, simulatorSignature } from '../../src/carriers/simulator/index.js';
import { simulatorTrackingNumber } from '../../src/carriers/tracking-number/index.js';
import type { DbConnection } from '../../src/db/connection.js';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import type { RunningCarrierSim } from '../../src/simulators/carrier/start-carrier-sim.js';
import { httpRequest, keepAliveAgent } from '../bench/http-client.js';
import { signedSimWebhook } from '../bench/sim-webhook.js';
import { countAnswer, type Ledger, type PlacedOrder, type ScanCode } from './ledger.js';

export interface ChaosLoadOptions {
  apiUrl: string;
  storefrontKey: string;
  simWebhookSecret: string;
  runId: string;
  sim: Pick<RunningCarrierSim, 'store'>;
  /** The read model, for the "delivered only after out for delivery shows" rule. */
  mongo: DbConnection;
  ledger: Ledger;
  webhooksPerSecond: number;
  ordersPerSecond: number;
  /** An order gets between 3 and this many in-transit scans before its out-for-delivery scan. */
  maxScansBeforeDelivery: number;
  /** Requests in flight at most; beyond it a tick's sends wait for the next tick. */
  maxInFlight?: number;
}

export interface ChaosLoad {
  /** Places `count` orders (at most `concurrency` at once) and resolves once each was answered once. */
  placeOrders(count: number, concurrency: number): Promise<void>;
  /** Starts the timed load. */
  start(): void;
  /** Calls `listener` once, on the next first 2xx answer (webhook or order), with what was accepted. */
  onNextAccepted(listener: (accepted: AcceptedRequest) => void): void;
  /** Stops new requests; re-sends what is unanswered until it is answered 2xx or `timeoutMs` passes. */
  finish(timeoutMs: number): Promise<{ unanswered: number }>;
  /** "in flight 12, retries waiting 3". */
  describe(): string;
}

/** A request's identity: a webhook's event id or an order's code. */
export interface AcceptedRequest {
  kind: 'webhook' | 'order';
  id: string;
}

type Pending = { kind: 'webhook'; eventId: string; body: string } | { kind: 'order'; code: string; body: string };

const RETRY_AFTER_MS = 2_000;
const REQUEST_TIMEOUT_MS = 20_000;
const TICK_MS = 100;

export function createChaosLoad(options: ChaosLoadOptions): ChaosLoad {
  const { ledger } = options;
  const agent = keepAliveAgent(options.maxInFlight ?? 48);
  const orders = createOrderRepository(options.mongo);
  const retries: { at: number; request: Pending }[] = [];
  const active: PlacedOrder[] = [];
  const scanTarget = new Map<string, number>();
  const gateCheckedAt = new Map<string, number>();
  /** Each order's out-for-delivery webhook, once sent. */
  const odEvent = new Map<string, string>();
  let listeners: ((accepted: AcceptedRequest) => void)[] = [];
  let inFlight = 0;
  let serial = 0;
  let orderSerial = 0;
  let next = 0;
  let webhookCredit = 0;
  let orderCredit = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;

  const accepted = (request: AcceptedRequest) => {
    const due = listeners;
    listeners = [];
    for (const l of due) l(request);
  };

  async function send(request: Pending): Promise<void> {
    inFlight += 1;
    let status: number | 'error' = 'error';
    let answer = '';
    try {
      if (request.kind === 'webhook') {
        // Re-signed at each attempt, as a carrier's retry is: the signature's timestamp must be recent.
        const signature = simulatorSignature(options.simWebhookSecret, Buffer.from(request.body), Math.floor(Date.now() / 1000));
        const headers = { 'content-type': 'application/json', [SIM_SIGNATURE_HEADER]: signature };
        ({ status, body: answer } = await httpRequest(agent, `${options.apiUrl}/webhooks/simulator`, { method: 'POST', headers, body: request.body, timeoutMs: REQUEST_TIMEOUT_MS }));
      } else {
        const headers = { authorization: `Bearer ${options.storefrontKey}`, 'content-type': 'application/json', 'idempotency-key': `chaos-${request.code}` };
        status = (await httpRequest(agent, `${options.apiUrl}/api/v1/orders`, { method: 'POST', headers, body: request.body, timeoutMs: REQUEST_TIMEOUT_MS })).status;
      }
    } catch {
      // No answer: counted as 'error' and re-sent.
    } finally {
      inFlight -= 1;
    }
    const ok = typeof status === 'number' && status >= 200 && status < 300;
    if (request.kind === 'webhook') {
      countAnswer(ledger.answers.webhooks, status);
      const hook = ledger.webhooks.get(request.eventId)!;
      if (ok && hook.acceptedAt === undefined) {
        hook.acceptedAt = Date.now();
        const inboxId = status === 202 ? (JSON.parse(answer) as { id?: string }).id : undefined;
        if (inboxId) hook.inboxId = inboxId;
        accepted({ kind: 'webhook', id: request.eventId });
      }
    } else {
      countAnswer(ledger.answers.orders, status);
      const order = ledger.orders.get(request.code)!;
      if (ok && order.acceptedAt === undefined) {
        order.acceptedAt = Date.now();
        active.push(order);
        accepted({ kind: 'order', id: request.code });
      }
    }
    if (!ok && !(typeof status === 'number' && status >= 400 && status < 500)) retries.push({ at: Date.now() + RETRY_AFTER_MS, request });
    else if (!ok) console.error(`  [load] ${request.kind} refused with ${status}: not re-sent`);
  }

  function attempt(request: Pending): Promise<void> {
    if (request.kind === 'webhook') ledger.webhooks.get(request.eventId)!.attempts += 1;
    else ledger.orders.get(request.code)!.attempts += 1;
    return send(request);
  }

  function newOrder(): Pending {
    const code = `CHAOS-${options.runId}-${orderSerial}`;
    const trackingNumber = simulatorTrackingNumber(600_000_000 + (Number.parseInt(options.runId.slice(-4), 16) % 1000) * 100_000 + orderSerial++);
    // The carrier knows the number before the workflow's first look-up and reports nothing by itself.
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
  }

  /** Whether the read model shows `code` out for delivery (asked at most every 2 s per order). */
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

  function newWebhook(): Pending | undefined {
    if (active.length === 0) return undefined;
    const order = active[next++ % active.length]!;
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
  }

  function tick(): void {
    const budget = () => inFlight < (options.maxInFlight ?? 48);
    const now = Date.now();
    retries.sort((a, b) => a.at - b.at);
    while (retries.length > 0 && retries[0]!.at <= now && budget()) void attempt(retries.shift()!.request);
    if (stopping) return;
    webhookCredit = Math.min(webhookCredit + (options.webhooksPerSecond * TICK_MS) / 1000, options.webhooksPerSecond);
    orderCredit = Math.min(orderCredit + (options.ordersPerSecond * TICK_MS) / 1000, Math.max(1, options.ordersPerSecond));
    while (orderCredit >= 1 && budget()) {
      orderCredit -= 1;
      void attempt(newOrder());
    }
    while (webhookCredit >= 1 && budget()) {
      const request = newWebhook();
      if (!request) break;
      webhookCredit -= 1;
      void attempt(request);
    }
  }

  return {
    async placeOrders(count, concurrency) {
      const requests = Array.from({ length: count }, newOrder);
      const lanes = Array.from({ length: concurrency }, async () => {
        for (let r = requests.shift(); r; r = requests.shift()) await attempt(r);
      });
      await Promise.all(lanes);
    },
    start() {
      timer = setInterval(tick, TICK_MS);
    },
    onNextAccepted(listener) {
      listeners.push(listener);
    },
    async finish(timeoutMs) {
      stopping = true;
      const deadline = Date.now() + timeoutMs;
      while ((retries.length > 0 || inFlight > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      clearInterval(timer);
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 250));
      agent.destroy();
      return { unanswered: retries.length };
    },
    describe: () => `${active.length} orders taking scans, ${inFlight} requests in flight, ${retries.length} waiting to be re-sent`,
  };
}
