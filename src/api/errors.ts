import { z } from '@hono/zod-openapi';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The API's own refusals (validation, API keys, body size), with their status. Use-cases raise
 * ServiceError instead, mapped by code in service-error-status.ts; both answer `{ error: { code, message } }`
 * through the app's onError, and anything else is masked as INTERNAL.
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

export const unauthorized = (message = 'Missing or invalid API key.') => new AppError(401, 'UNAUTHORIZED', message);

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
export function errorResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503>) {
  const descriptions: Record<number, string> = {
    400: 'Malformed request',
    401: 'Missing or invalid credentials',
    403: 'Credentials without the permission this needs (role or key scope), or a wrong CSRF token',
    404: 'Not found',
    409: 'Conflict with an existing resource',
    413: 'Body too large',
    422: 'Well-formed but not acceptable',
    429: 'Too many failed authentications from this address; retry after Retry-After',
    503: 'A backing service is unavailable; retry later',
  };
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s]!, content: { 'application/json': { schema: ErrorBodySchema } } }]),
  );
}
