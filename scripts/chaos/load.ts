/**
 * The chaos run's sustained load: signed simulator webhooks spread over many orders at a fixed rate, and
 * order placements beside them, each re-sent (same delivery id, same Idempotency-Key) until answered 2xx,
 * as carriers and storefronts do. Every answer goes into the ledger; what is sent comes from the
 * shipment script.
 */
import { SIM_SIGNATURE_HEADER, simulatorSignature } from '../../src/carriers/simulator/index.js';
import { httpRequest, keepAliveAgent } from '../bench/http-client.js';
import { countAnswer } from './ledger.js';
import { createShipmentScript, type LoadRequest, type ShipmentScriptOptions } from './shipment-script.js';

export interface ChaosLoadOptions extends ShipmentScriptOptions {
  apiUrl: string;
  storefrontKey: string;
  webhooksPerSecond: number;
  ordersPerSecond: number;
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

const RETRY_AFTER_MS = 2_000;
const REQUEST_TIMEOUT_MS = 20_000;
const TICK_MS = 100;

export function createChaosLoad(options: ChaosLoadOptions): ChaosLoad {
  const { ledger } = options;
  const agent = keepAliveAgent(options.maxInFlight ?? 48);
  const script = createShipmentScript(options);
  const retries: { at: number; request: LoadRequest }[] = [];
  let listeners: ((accepted: AcceptedRequest) => void)[] = [];
  let inFlight = 0;
  let webhookCredit = 0;
  let orderCredit = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;

  const accepted = (request: AcceptedRequest) => {
    const due = listeners;
    listeners = [];
    for (const l of due) l(request);
  };

  async function send(request: LoadRequest): Promise<void> {
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
        script.accepted(order);
        accepted({ kind: 'order', id: request.code });
      }
    }
    if (!ok && !(typeof status === 'number' && status >= 400 && status < 500)) retries.push({ at: Date.now() + RETRY_AFTER_MS, request });
    else if (!ok) console.error(`  [load] ${request.kind} refused with ${status}: not re-sent`);
  }

  function attempt(request: LoadRequest): Promise<void> {
    if (request.kind === 'webhook') ledger.webhooks.get(request.eventId)!.attempts += 1;
    else ledger.orders.get(request.code)!.attempts += 1;
    return send(request);
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
      void attempt(script.newOrder());
    }
    while (webhookCredit >= 1 && budget()) {
      const request = script.nextWebhook();
      if (!request) break;
      webhookCredit -= 1;
      void attempt(request);
    }
  }

  return {
    async placeOrders(count, concurrency) {
      const requests = Array.from({ length: count }, () => script.newOrder());
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
    describe: () => `${script.activeCount()} orders taking scans, ${inFlight} requests in flight, ${retries.length} waiting to be re-sent`,
  };
}
