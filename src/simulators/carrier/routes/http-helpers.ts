import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { safeEqual } from '../../../carriers/webhook-security/constant-time.js';

/** The simulator's error body, the same shape as the app's: `{ error: { code, message } }`. */
export function errorJson(c: Context, status: 400 | 401 | 404 | 409 | 413, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status);
}

/** Parses a JSON body against `schema`; a 400 response when it is not JSON or does not fit. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T> | Response> {
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    return errorJson(c, 400, 'INVALID_JSON', 'Body is not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return errorJson(c, 400, 'VALIDATION_FAILED', issues);
}

/** Header holding the API key of the simulator's own and control APIs. */
export const API_KEY_HEADER = 'x-sim-api-key';

/** Refuses requests without the right `x-sim-api-key` (compared in constant time). */
export function requireApiKey(apiKey: string): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header(API_KEY_HEADER);
    if (!given || !safeEqual(given, apiKey)) return errorJson(c, 401, 'UNAUTHORIZED', `Missing or wrong ${API_KEY_HEADER}`);
    await next();
  };
}
