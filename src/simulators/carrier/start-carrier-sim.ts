import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createCarrierSimApp, type CarrierSim, type CarrierSimAppOptions } from './create-sim-app.js';
import type { FaultBoard } from './faults.js';
import { createHttpWebhookSender } from './webhook-sender.js';
import type { SimClock } from './sim-clock.js';
import type { SimStore } from './sim-store.js';

/** Settings of {@link startCarrierSim}: the app's options plus where to listen. */
export interface StartCarrierSimOptions extends CarrierSimAppOptions {
  /** TCP port; 0 (default) = a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1: the simulator is for local use). */
  host?: string;
  /** How often (real ms) newly visible scans are pushed as webhooks (default 250). */
  tickIntervalMs?: number;
}

/** A running simulator. */
export interface RunningCarrierSim {
  /** Base URL, e.g. `http://127.0.0.1:4010`; carrier formats live under `${url}/ups` etc. */
  url: string;
  port: number;
  store: SimStore;
  clock: SimClock;
  faults: FaultBoard;
  sim: CarrierSim;
  /** Stops the webhook pump, releases held responses and closes the server. */
  stop(): Promise<void>;
}

/**
 * Starts the carrier simulator as an HTTP server plus its webhook pump (an HTTP sender unless one is given),
 * which pushes every newly visible scan of shipments that have a webhook target.
 */
export async function startCarrierSim(options: StartCarrierSimOptions): Promise<RunningCarrierSim> {
  const senderStop = new AbortController();
  const webhookSender =
    options.webhookSender ??
    createHttpWebhookSender({
      signal: senderStop.signal,
      ...(options.now ? { realNow: options.now } : {}),
      onResult: (delivery, result) => {
        if (!result.delivered && !senderStop.signal.aborted) {
          console.warn(`[carrier-sim] webhook to ${delivery.target.url} for ${delivery.shipment.trackingNumber} failed after ${result.attempts} attempt(s) (status ${result.status ?? 'none'})`);
        }
      },
    });
  const sim = createCarrierSimApp({ ...options, webhookSender });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: sim.app.fetch, hostname: host, port: options.port ?? 0 }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  // One tick at a time: a slow receiver must not stack up overlapping pushes of the same shipments.
  let ticking: Promise<void> | undefined;
  const pump = setInterval(() => {
    if (ticking) return;
    ticking = sim.tick().catch((error: unknown) => console.error('[carrier-sim] webhook tick failed', error)).finally(() => {
      ticking = undefined;
    });
  }, options.tickIntervalMs ?? 250);
  pump.unref();

  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    store: sim.store,
    clock: sim.clock,
    faults: sim.faults,
    sim,
    stop: async () => {
      clearInterval(pump);
      senderStop.abort();
      sim.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await ticking;
    },
  };
}
