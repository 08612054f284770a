import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received, body read as UTF-8. */
export interface RecordedRequest {
  method: string;
  /** The request target as sent: path and query string. */
  url: string;
  /** The path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the server answers one request; only the given headers are sent. */
export interface LocalHttpReply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Answer this much later (timeouts); dropped if the client gives up first. */
  delayMs?: number;
}

export interface LocalHttpServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Every request so far, oldest first (tests may empty it). */
  requests: RecordedRequest[];
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

/** A reply with `content-type: application/json` (the body is sent as given). */
export function jsonReply(status: number, body: string, headers: Record<string, string> = {}): LocalHttpReply {
  return { status, body, headers: { 'content-type': 'application/json', ...headers } };
}

/**
 * A real node:http server on 127.0.0.1 (a free port) that records every request and answers it with
 * `respond(request)`, called once the request body has been read.
 */
export async function startLocalHttpServer(respond: (request: RecordedRequest) => LocalHttpReply): Promise<LocalHttpServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const parsed = new URL(url, 'http://127.0.0.1');
      const request: RecordedRequest = {
        method: req.method ?? '',
        url,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const reply = respond(request);
      const send = () => void res.writeHead(reply.status, reply.headers).end(reply.body);
      if (reply.delayMs === undefined) {
        send();
      } else {
        const timer = setTimeout(send, reply.delayMs);
        res.on('close', () => clearTimeout(timer));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
