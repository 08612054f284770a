import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../observability/logger.js';
import { ServiceError } from '../services/service-error.js';
import type { AppEnv } from './app-env.js';
import { AppError, type ErrorBody } from './errors.js';
import { SERVICE_ERROR_STATUS } from './service-error-status.js';
import { isStoreUnreachable, RETRY_AFTER_SECONDS } from './unavailable-dependency.js';

/** Unknown paths answer in the one error shape. */
export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  c.json<ErrorBody>({ error: { code: 'NOT_FOUND', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404);

/**
 * The app's one `onError`: a use-case's ServiceError answers with its code's status from the table, the
 * API's own AppError (validation, keys, body size) with its status; an unreachable database is a 503
 * STORE_UNAVAILABLE with Retry-After (so is TEMPORAL_UNAVAILABLE); anything else is masked as INTERNAL and
 * logged with the request id, so internal text never reaches a client.
 */
export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    const requestId = c.get('requestId');
    if (err instanceof ServiceError || err instanceof AppError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message, requestId } };
      if (err.details !== undefined) body.error.details = err.details;
      const status = err instanceof ServiceError ? SERVICE_ERROR_STATUS[err.code] : err.status;
      // Refused for a dependency out of reach (Temporal): say when to come back.
      if (status === 503) c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return c.json(body, status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return c.json<ErrorBody>({ error: { code: 'BAD_REQUEST', message: err.message || 'Bad request.', requestId } }, err.status);
    }
    if (isStoreUnreachable(err)) {
      // Not a bug: the database is out of reach. Nothing was accepted; the client retries.
      logger.warn('database unreachable: request refused with 503', { requestId, method: c.req.method, path: c.req.path, error: (err as Error).name });
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return c.json<ErrorBody>({ error: { code: 'STORE_UNAVAILABLE', message: 'The database is unreachable; retry shortly.', requestId } }, 503);
    }
    logger.error('unhandled error', { requestId, method: c.req.method, path: c.req.path, err });
    return c.json<ErrorBody>({ error: { code: 'INTERNAL', message: 'Internal error.', requestId } }, 500);
  };
}
