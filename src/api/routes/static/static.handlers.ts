import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../create-app.js';
import { carrierLogoSvg } from '../../../carriers/carrier-logo.js';

/** Static assets for pages and API consumers: carrier logos (seed TC005). */
export function registerStaticRoutes(app: OpenAPIHono<AppEnv>): void {
  app.get('/static/carriers/:file{[a-z]+\\.svg}', (c) => {
    const id = c.req.param('file').replace(/\.svg$/, '');
    return c.body(carrierLogoSvg(id), 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      // Logos change with releases only.
      'cache-control': 'public, max-age=86400',
    });
  });
}
