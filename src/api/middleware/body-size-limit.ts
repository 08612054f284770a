import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors.js';

/**
 * Rejects a request body larger than `maxBytes` with 413 `BODY_TOO_LARGE`.
 *
 * A body whose size is declared (Content-Length, no Transfer-Encoding) is judged by the header alone:
 * Node's HTTP parser never delivers more bytes than it declares. That keeps @hono/node-server's direct
 * body read (from the socket into one Buffer); Hono's own bodyLimit touches `request.body` first, which
 * builds a full fetch Request with a web stream for every request: a tenth of the API's CPU under a
 * webhook burst. Chunked bodies, whose size is only known once read, go through Hono's streaming
 * bodyLimit, which stops reading at the limit.
 */
export function bodySizeLimit(maxBytes: number, describe: string): MiddlewareHandler {
  const tooLarge = () => new AppError(413, 'BODY_TOO_LARGE', `${describe} exceeds ${maxBytes} bytes.`);
  const streaming = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (!/^\d+$/.test(declared.trim())) throw new AppError(400, 'BAD_CONTENT_LENGTH', 'Content-Length must be a number of bytes.');
      if (Number(declared) > maxBytes) throw tooLarge();
      return next();
    }
    return streaming(c, next);
  };
}
