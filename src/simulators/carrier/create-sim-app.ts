import { Hono } from 'hono';
import { DEFAULT_TIMEOUT_HOLD_MS } from './fault-response.js';
import { FaultBoard } from './faults.js';
import { registerCarrierFormats } from './formats/index.js';
import { SimTokens } from './formats/oauth-tokens.js';
import { registerControlApi } from './routes/control-api.js';
import { registerPublicTrackingPage } from './routes/public-tracking-page.js';
import { registerSimulatorApi } from './routes/simulator-api.js';
import type { ScenarioName } from './scenarios/index.js';
import { createSimClock, type SimClock } from './sim-clock.js';
import type { SimContext } from './sim-context.js';
import { SimStore } from './sim-store.js';
import { dispatchWebhooks, takeDueDeliveries, type WebhookTargets } from './webhook-dispatch.js';
import type { WebhookSender } from './webhook-types.js';

/** Settings of {@link createCarrierSimApp}. */
export interface CarrierSimAppOptions {
  /** Key for the simulator's own API and the control API (header `x-sim-api-key`). */
  apiKey: string;
  /** Carrier clock; default a real-time clock (sped up by `timeScale`) over `now`. */
  clock?: SimClock;
  /** Wall clock, epoch ms (default `Date.now`). */
  now?: () => number;
  /** Speed-up of the default clock (ignored when `clock` is given). */
  timeScale?: number;
  /** Seed of the scenarios' pseudo-random variation (default 1). */
  seed?: number;
  /** Scenario of shipments created through carrier APIs (default `happy_path`; `mixed` = weighted pick). */
  defaultScenario?: ScenarioName | 'mixed';
  /** Register unknown numbers on first look-up instead of answering "not found" (default false). */
  autoRegister?: boolean;
  /** How long a `timeout` fault holds its response (default 30 s). */
  timeoutHoldMs?: number;
  /** Pushes webhooks; without one no webhook is sent. */
  webhookSender?: WebhookSender;
  /** Default webhook target per carrier format. */
  webhookTargets?: WebhookTargets;
}

/** A simulator instance: the Hono app plus its state and the webhook pump. */
export interface CarrierSim {
  app: Hono;
  store: SimStore;
  clock: SimClock;
  faults: FaultBoard;
  /** Pushes webhooks for every scan that became visible since the last tick; resolves when they are sent. */
  tick(): Promise<void>;
  /** Releases held `timeout` responses; call before closing the server. */
  close(): void;
  /** Default webhook target per carrier format (mutable: tests and demos may set one at run time). */
  webhookTargets: WebhookTargets;
}

/** Builds the carrier simulator app; no I/O until requests arrive (see `startCarrierSim` for a server). */
export function createCarrierSimApp(options: CarrierSimAppOptions): CarrierSim {
  const realNow = options.now ?? Date.now;
  const clock = options.clock ?? createSimClock({ realNow, timeScale: options.timeScale ?? 1 });
  const store = new SimStore(clock, options.seed ?? 1);
  const faults = new FaultBoard();
  const stop = new AbortController();
  const webhookTargets: WebhookTargets = { ...options.webhookTargets };
  const ctx: SimContext = {
    store,
    clock,
    realNow,
    faults,
    tokens: new SimTokens(realNow),
    apiKey: options.apiKey,
    defaultScenario: options.defaultScenario ?? 'happy_path',
    autoRegister: options.autoRegister ?? false,
    timeoutHoldMs: options.timeoutHoldMs ?? DEFAULT_TIMEOUT_HOLD_MS,
    stopSignal: stop.signal,
  };

  const app = new Hono();
  app.get('/health', (c) => c.json({ ok: true, now: new Date(clock.now()).toISOString(), timeScale: clock.timeScale }));
  registerSimulatorApi(app, ctx);
  registerPublicTrackingPage(app, ctx);
  registerControlApi(app, ctx);
  registerCarrierFormats(app, ctx);
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'No such endpoint' } }, 404));
  app.onError((error, c) => {
    console.error('[carrier-sim] request failed', error);
    return c.json({ error: { code: 'INTERNAL', message: 'Internal simulator error' } }, 500);
  });

  const sender = options.webhookSender;
  return {
    app,
    store,
    clock,
    faults,
    webhookTargets,
    tick: async () => {
      if (!sender) return;
      await dispatchWebhooks(sender, takeDueDeliveries(store, webhookTargets, clock.now()));
    },
    close: () => stop.abort(),
  };
}
