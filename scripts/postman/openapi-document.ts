import { createApp } from '../../src/api/create-app.js';
import { createLogger } from '../../src/observability/logger.js';
import type { ApiServices } from '../../src/services/services.js';
import type { OpenApiDocument } from './openapi-types.js';

/**
 * A stand-in for every service: any depth of property access works (so a route may destructure services
 * while registering), but calling anything throws. Document generation only registers routes; a call here
 * would mean a handler ran, which is a bug worth failing loudly on.
 */
function unavailable(path: string): unknown {
  return new Proxy(() => undefined, {
    get: (_target, key) =>
      // `then` stays undefined so the stand-in is never mistaken for a promise when awaited.
      typeof key === 'symbol' || key === 'then' ? undefined : unavailable(`${path}.${key}`),
    apply: () => {
      throw new Error(`${path}() was called while generating the OpenAPI document`);
    },
  });
}

/**
 * The OpenAPI 3.1 document exactly as `GET /openapi.json` serves it, without MongoDB or Temporal: the app
 * is built with stand-in services and asked for the document in-process.
 */
export async function buildOpenApiDocument(publicBaseUrl: string, version?: string): Promise<OpenApiDocument> {
  const app = createApp({
    services: unavailable('services') as ApiServices,
    logger: createLogger('silent'),
    auth: { storefrontApiKeys: [], adminApiKeys: [] },
    publicBaseUrl,
    ...(version === undefined ? {} : { version }),
  });
  const response = await app.request('/openapi.json');
  if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}
