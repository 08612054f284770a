import { readFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import { Agent, createServer as createHttpsServer } from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../src/embedded/free-port.js';

const require = createRequire(import.meta.url);

interface TestingServer {
  startServer(): void;
  _server: Server;
}

/** A subscription as web-push-testing hands it out (a browser's PushSubscription JSON + its id there). */
export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  clientHash: string;
}

export interface LocalPushService {
  /** The HTTPS front (`https://localhost:<port>`): subscriptions' endpoints point here. */
  url: string;
  /** An agent that trusts the front's test certificate (pass to the push channel). */
  agent: Agent;
  subscribe(applicationServerKey: string): Promise<TestSubscription>;
  /** Decrypted payloads the service received for a subscription (it checked the VAPID JWT and decrypted). */
  received(clientHash: string): Promise<string[]>;
  /** Makes the subscription gone: the service then answers 410 like a browser's push service. */
  expire(clientHash: string): Promise<void>;
  close(): Promise<void>;
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${text}`);
  // Some answers are plain text ("OK"); only JSON ones carry data.
  return ((response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined) as T;
}

const tls = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));

/**
 * The `web-push-testing` push service, in this process on a free port: it checks each message's VAPID
 * Authorization against the subscription's applicationServerKey and decrypts the aes128gcm payload. It
 * speaks plain HTTP and `web-push` only HTTPS, so an HTTPS front with a test certificate forwards to it,
 * the way a real push service sits behind TLS.
 */
export async function startLocalPushService(): Promise<LocalPushService> {
  const { PushApiModel } = require('web-push-testing/src/PushApiModel.js') as { PushApiModel: new () => unknown };
  const WebPushTestingServer = require('web-push-testing/src/server.js') as new (model: unknown, port: number) => TestingServer;
  const port = await freePort();
  const server = new WebPushTestingServer(new PushApiModel(), port);
  const log = console.log;
  console.log = () => undefined; // it announces itself on stdout
  try {
    server.startServer();
    await new Promise<void>((resolve) => (server._server.listening ? resolve() : server._server.once('listening', () => resolve())));
  } finally {
    console.log = log;
  }
  const inner = `http://localhost:${port}`;
  const front = createHttpsServer({ key: tls('localhost.key'), cert: tls('localhost.crt') }, (req, res) => {
    const forward = httpRequest(`http://127.0.0.1:${port}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const url = `https://localhost:${(front.address() as AddressInfo).port}`;
  const agent = new Agent({ ca: tls('localhost.crt') });
  return {
    url,
    agent,
    subscribe: async (applicationServerKey) => {
      const { data } = await post<{ data: TestSubscription }>(`${inner}/subscribe`, { userVisibleOnly: 'true', applicationServerKey });
      return { ...data, endpoint: data.endpoint.replace(inner, url) };
    },
    received: async (clientHash) => (await post<{ data: { messages: string[] } }>(`${inner}/get-notifications`, { clientHash })).data.messages,
    expire: async (clientHash) => void (await post(`${inner}/expire-subscription/${clientHash}`, {})),
    close: async () => {
      agent.destroy();
      front.closeAllConnections();
      server._server.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await new Promise<void>((resolve) => server._server.close(() => resolve()));
    },
  };
}
