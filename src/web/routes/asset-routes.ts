import type { Hono } from 'hono';
import { APP_CSS } from '../assets/app-css.js';
import { APP_JS, EMBED_SNIPPET_JS, SERVICE_WORKER_JS } from '../assets/app-js.js';
import { ASSET_PATHS } from '../assets/asset-paths.js';
import { frameOfLandAsset, LAND_ROUTE, landEtag, landSvg } from '../map/land-asset.js';

const HEX = /^[0-9a-fA-F]{6}$/;
const YEAR = 'public, max-age=31536000, immutable';

/** The stylesheet, the script, the push service worker, the embed snippet, the embed's theme CSS and map outlines. */
export function registerAssetRoutes(router: Hono): void {
  router.get(ASSET_PATHS.css, (c) => c.body(APP_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': YEAR }));
  router.get(ASSET_PATHS.js, (c) => c.body(APP_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': YEAR }));
  router.get('/web/sw.js', (c) => c.body(SERVICE_WORKER_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }));
  // Shops hot-link the snippet; an hour's cache lets fixes reach them the same day.
  router.get(ASSET_PATHS.embedSnippet, (c) =>
    c.body(EMBED_SNIPPET_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' }),
  );
  // A map frame's country outlines: the URL names the drawing, so it may be cached for a year.
  router.get(LAND_ROUTE, (c) => {
    const name = c.req.param('bounds');
    const frame = frameOfLandAsset(name);
    if (!frame) return c.json({ error: { code: 'NOT_FOUND', message: 'no such map frame' } }, 404);
    const etag = landEtag(name);
    const headers = { etag, 'cache-control': YEAR };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(landSvg(frame), 200, { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' });
  });
  // Colours come as 6 hex digits only, so nothing but a colour can reach the stylesheet.
  router.get(ASSET_PATHS.theme, (c) => {
    const rules: string[] = [];
    const accent = c.req.query('accent');
    const bg = c.req.query('bg');
    const ink = c.req.query('ink');
    if (accent && HEX.test(accent)) rules.push(`--accent:#${accent}`);
    if (bg && HEX.test(bg)) rules.push(`--bg:#${bg}`, `--card:#${bg}`);
    if (ink && HEX.test(ink)) rules.push(`--ink:#${ink}`);
    return c.body(`:root{${rules.join(';')}}`, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400' });
  });
}
