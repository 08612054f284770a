import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.js';
import { DOCS_ASSETS_PATH, DOCS_INIT_JS, docsPageHtml } from './docs-page.js';
import { readSwaggerAsset, SWAGGER_ASSETS, swaggerUiVersion, type SwaggerAsset } from './swagger-assets.js';

const isSwaggerAsset = (name: string): name is SwaggerAsset => Object.hasOwn(SWAGGER_ASSETS, name);

/** `/docs`: Swagger UI over `/openapi.json`, its css and js served from the installed swagger-ui-dist. */
export function docsRouter(): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  const version = swaggerUiVersion();
  // Asset URLs carry the version, so a long cache is safe.
  const cached = { 'cache-control': 'public, max-age=604800, immutable' };

  router.get('/docs', (c) => c.html(docsPageHtml(version)));
  router.get(`${DOCS_ASSETS_PATH}/docs-init.js`, (c) =>
    c.body(DOCS_INIT_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', ...cached }),
  );
  router.get(`${DOCS_ASSETS_PATH}/:file`, async (c, next) => {
    const file = c.req.param('file');
    if (!isSwaggerAsset(file)) return next();
    return c.body(new Uint8Array(await readSwaggerAsset(file)), 200, { 'content-type': SWAGGER_ASSETS[file], ...cached });
  });
  return router;
}
