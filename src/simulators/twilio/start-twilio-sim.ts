import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createTwilioSimApp } from './create-twilio-sim-app.js';
import type { TwilioSimStore } from './sim-store.js';
import type { TwilioSimOptions } from './twilio-sim-options.js';

/** A running simulator. */
export interface RunningTwilioSim {
  /** `http://127.0.0.1:<port>`: use as TWILIO_API_BASE_URL; the SMS page is at `/`. */
  url: string;
  port: number;
  store: TwilioSimStore;
  stop(): Promise<void>;
}

/** Starts the Twilio-compatible simulator on `port` (0 = a free one) and `host` (default 127.0.0.1). */
export async function startTwilioSim(options: TwilioSimOptions & { port?: number; host?: string }): Promise<RunningTwilioSim> {
  const { app, store } = createTwilioSimApp(options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    store,
    stop: async () => {
      await store.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}
