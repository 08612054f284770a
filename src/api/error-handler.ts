import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../observability/logger.js';
import { ServiceError } from '../services/service-error.js';
import type { AppEnv } from './app-env.js';
import { AppError, type ErrorBody } from './errors.js';
import { SERVICE_ERROR_STATUS } from './service-error-status.js';

/** Unknown paths answer in the one error shape. */
export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  c.json<ErrorBody>({ error: { code: 'NOT_FOUND', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404);

/**
 * The app's one `onError`: a use-case's ServiceError answers with its code's status from the table, the
 * API's own AppError (validation, keys, body size) with its status; anything else is masked as INTERNAL
 * and logged with the request id, so internal text never reaches a client.
 */
export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    const requestId = c.get('requestId');
    if (err instanceof ServiceError || err instanceof AppError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message, requestId } };
      if (err.details !== undefined) body.error.details = err.details;
      return c.json(body, err instanceof ServiceError ? SERVICE_ERROR_STATUS[err.code] : err.status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return c.json<ErrorBody>({ error: { code: 'BAD_REQUEST', message: err.message || 'Bad request.', requestId } }, err.status);
    }
    logger.error('unhandled error', { requestId, method: c.req.method, path: c.req.path, err });
    return c.json<ErrorBody>({ error: { code: 'INTERNAL', message: 'Internal error.', requestId } }, 500);
  };
}
