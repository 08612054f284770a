import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/api/errors.js';
import { bodySizeLimit } from '../../../src/api/middleware/body-size-limit.js';

// Served over real HTTP: whether the size is declared or chunked is decided by the client's framing.
let server: ServerType;
let port: number;
const app = new Hono();

beforeAll(async () => {
  app.onError((err, c) => (err instanceof AppError ? c.json({ error: { code: err.code, message: err.message } }, err.status as 400) : c.json({ error: String(err) }, 500)));
  app.post('/echo', bodySizeLimit(16, 'Test body'), async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));
  app.get('/echo', bodySizeLimit(16, 'Test body'), (c) => c.json({ ok: true }));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      port = info.port;
      resolve();
    });
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends `chunks`; with `declared` a Content-Length header, else chunked transfer encoding. */
function send(method: string, chunks: string[], headers: Record<string, string> = {}): Promise<{ status: number; body: { bytes?: number; error?: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/echo', method, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('bodySizeLimit', () => {
  it('passes a declared body within the limit, read whole by the handler', async () => {
    expect(await send('POST', ['0123456789abcdef'], { 'content-length': '16' })).toEqual({ status: 200, body: { bytes: 16 } });
  });

  it('rejects a declared body over the limit with 413 and the JSON error shape', async () => {
    const res = await send('POST', ['0123456789abcdefg'], { 'content-length': '17' });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: 'BODY_TOO_LARGE', message: 'Test body exceeds 16 bytes.' });
  });

  it('measures a chunked body as it streams: within the limit passes, over it is 413', async () => {
    expect(await send('POST', ['01234567', '89abcdef'])).toEqual({ status: 200, body: { bytes: 16 } });
    const over = await send('POST', ['01234567', '89abcdef', 'g']);
    expect(over.status).toBe(413);
    expect(over.body.error?.code).toBe('BODY_TOO_LARGE');
  });

  it('leaves GET requests alone', async () => {
    expect(await send('GET', [])).toEqual({ status: 200, body: { ok: true } });
  });

  it('answers a Content-Length that is not a number of bytes with 400 (Node\'s parser refuses it on a socket; app.request() has none)', async () => {
    const res = await app.request('/echo', { method: 'POST', headers: { 'content-length': 'ten' }, body: '0123456789' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_CONTENT_LENGTH');
  });
});
