/**
 * The benchmarks' HTTP client: node:http over a keep-alive agent rather than fetch. The client shares the
 * 2 cores with the system it measures, and fetch (undici, a stream and an AbortSignal per request) cost
 * about twice the CPU per request.
 */
import { Agent, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

export class HttpTimeoutError extends Error {
  override name = 'TimeoutError';
}

/** A keep-alive agent for one benchmark's connections to the API. */
export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets });
}

/**
 * One request; resolves with the status and the whole body once it has been read. `timeoutMs` bounds the
 * whole exchange (as a carrier bounds a webhook delivery): past it the request is destroyed and the
 * promise rejects with an HttpTimeoutError.
 */
export function httpRequest(
  agent: Agent,
  url: URL | string,
  options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers = options.body === undefined ? { ...options.headers } : { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) };
    const req = request(url, { method: options.method ?? 'GET', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.once('error', fail);
    });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => req.destroy(new HttpTimeoutError(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    function fail(err: Error) {
      clearTimeout(timer);
      reject(err);
    }
    req.once('error', fail);
    req.end(options.body);
  });
}
