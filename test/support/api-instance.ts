import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/api/create-app.js';
import { createCustomerPages } from '../../src/bin/customer-pages.js';
import { connectMongo } from '../../src/db/connection.js';
import { createLogger } from '../../src/observability/logger.js';
import { createServices } from '../../src/services/services.js';
import { trackingPageUrlSigner } from '../../src/web/links/tracking-page-url.js';
import type { TestStack } from './stack.js';

/** An API served on a local port. */
export interface ServedApi {
  url: string;
  close(): Promise<void>;
}

async function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<{ url: string; server: ServerType }> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const closeServer = (server: ServerType) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Open live streams never end by themselves.
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });

/** The stack's own app on a port. */
export async function serveStackApp(stack: TestStack): Promise<ServedApi> {
  const { url, server } = await listen(stack.app.fetch);
  return { url, close: () => closeServer(server) };
}

/**
 * A second API process on the stack's database and Temporal, as `src/bin/api.ts` wires one: its own
 * connection, services, webhook relay and live poller, so what it handles reaches the other only through
 * MongoDB and Temporal.
 */
export async function serveSecondApi(stack: TestStack): Promise<ServedApi> {
  const logger = createLogger('silent');
  const mongo = await connectMongo(stack.config.mongo.uri!);
  const web = stack.config.web!;
  const services = createServices({ mongo, temporal: stack.temporal, config: stack.config, logger, carriers: stack.carriers, trackingPageUrl: trackingPageUrlSigner(web) });
  const pages = createCustomerPages({ services, settings: web, logger });
  const app = createApp({
    services,
    logger,
    auth: stack.config.auth,
    publicBaseUrl: stack.config.http.publicBaseUrl,
    extraRouters: [{ path: '/', router: pages.router }],
  });
  const { url, server } = await listen(app.fetch);
  return {
    url,
    close: async () => {
      await pages.stop();
      await closeServer(server);
      await services.webhookRelay.idle();
      await services.webhookRelay.close();
      await mongo.close();
    },
  };
}
