import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.js';
import { carrierLogoSvg } from '../../../carriers/carrier-logo.js';

/** Static assets for pages and API consumers: carrier logos (seed TC005). */
export function staticRouter(): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get('/static/carriers/:file{[a-z]+\\.svg}', (c) => {
    const id = c.req.param('file').replace(/\.svg$/, '');
    return c.body(carrierLogoSvg(id), 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      // Logos change with releases only.
      'cache-control': 'public, max-age=86400',
      // Storefronts on other sites show these logos (the order view's logoUrl).
      'cross-origin-resource-policy': 'cross-origin',
    });
  });
  return router;
}
