import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { Logger } from '../observability/logger.js';
import type { Services } from '../services/services.js';
import { AppError, type ErrorBody } from './errors.js';
import { bodySizeLimit } from './middleware/body-size-limit.js';
import { validationHook } from './validation-hook.js';
import { registerAdminRoutes } from './routes/admin/admin.handlers.js';
import { registerWebhookRoutes } from './routes/webhooks/webhooks.handlers.js';
import { registerStaticRoutes } from './routes/static/static.handlers.js';
import { registerOrderRoutes } from './routes/orders/orders.handlers.js';
import { registerSystemRoutes } from './routes/system/system.handlers.js';

export interface AppDeps {
  services: Services;
  logger: Logger;
  auth: { storefrontApiKeys: string[]; adminApiKeys: string[] };
  publicBaseUrl: string;
  version?: string;
  /** Largest webhook body accepted (bytes); default 1 MiB. */
  webhookMaxBodyBytes?: number;
}

export type AppEnv = { Variables: { requestId: string } };

/** Builds the HTTP app; `src/bin/api.ts` serves it and tests call `app.request()` or serve it on a port. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', requestId());
  app.use('/api/*', bodySizeLimit(256 * 1024, 'Request body'));

  registerSystemRoutes(app, deps);
  registerStaticRoutes(app);
  registerOrderRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerWebhookRoutes(app, { ...deps, webhookMaxBodyBytes: deps.webhookMaxBodyBytes ?? 1024 * 1024 });

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'order-tracking API',
      version: deps.version ?? '0.1.0',
      description: 'Storefront, tracking, admin and carrier-webhook endpoints of order-tracking.',
    },
    servers: [{ url: deps.publicBaseUrl }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'storefrontKey', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminKey', { type: 'http', scheme: 'bearer' });
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));

  app.notFound((c) => c.json<ErrorBody>({ error: { code: 'NOT_FOUND', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404));

  app.onError((err, c) => {
    const id = c.get('requestId');
    if (err instanceof AppError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message, requestId: id } };
      if (err.details !== undefined) body.error.details = err.details;
      return c.json(body, err.status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return c.json<ErrorBody>({ error: { code: 'BAD_REQUEST', message: err.message || 'Bad request.', requestId: id } }, err.status);
    }
    // Unknown errors are masked: internal text never reaches clients, the log keeps it with the request id.
    deps.logger.error('unhandled error', { requestId: id, method: c.req.method, path: c.req.path, err });
    return c.json<ErrorBody>({ error: { code: 'INTERNAL', message: 'Internal error.', requestId: id } }, 500);
  });

  return app;
}
