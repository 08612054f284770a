import { z } from '@hono/zod-openapi';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The one error vocabulary of the API. Every failure a client can see is an AppError mapped to
 * `{ error: { code, message } }` by the app's onError; anything else is masked as INTERNAL.
 */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (message = 'Missing or invalid API key.') => new AppError(401, 'UNAUTHORIZED', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found.`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const unprocessable = (code: string, message: string, details?: unknown) => new AppError(422, code, message, details);
export const unavailable = (code: string, message: string) => new AppError(503, code, message);

/** JSON body of every error answer; also used in the OpenAPI document. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** OpenAPI response entries for the usual error statuses of a route. */
export function errorResponses(...statuses: Array<400 | 401 | 404 | 409 | 413 | 422 | 503>) {
  const descriptions: Record<number, string> = {
    400: 'Malformed request',
    401: 'Missing or invalid credentials',
    404: 'Not found',
    409: 'Conflict with an existing resource',
    413: 'Body too large',
    422: 'Well-formed but not acceptable',
    503: 'A backing service is unavailable; retry later',
  };
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s]!, content: { 'application/json': { schema: ErrorBodySchema } } }]),
  );
}
