import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import { ADMIN_CSS } from './admin-css.js';
import { ADMIN_JS } from './admin-js.js';

/** Bump when an asset changes: the URLs are cached for a year. */
export const ADMIN_ASSET_VERSION = '2';
const base = `/assets/${ADMIN_ASSET_VERSION}`;

/** Paths under the admin router's mount point (`/admin`). */
export const ADMIN_ASSETS = {
  css: `${base}/admin.css`,
  js: `${base}/admin.js`,
  uplotJs: `${base}/uplot.js`,
  uplotCss: `${base}/uplot.css`,
} as const;

const YEAR = 'public, max-age=31536000, immutable';

/** uPlot as installed (its own MIT licence travels in node_modules), read once, served from our origin (no CDN). */
function uplotFiles(): { js: string; css: string } {
  const require = createRequire(import.meta.url);
  const dir = require.resolve('uplot').replace(/uPlot\.cjs\.js$/, '');
  return { js: readFileSync(`${dir}uPlot.iife.min.js`, 'utf8'), css: readFileSync(`${dir}uPlot.min.css`, 'utf8') };
}

/** The stylesheet, the chart script and uPlot; public (the sign-in page needs them before a session). */
export function registerAdminAssets(router: Hono): void {
  const uplot = uplotFiles();
  const js = (body: string) => ({ body, type: 'text/javascript; charset=utf-8' });
  const css = (body: string) => ({ body, type: 'text/css; charset=utf-8' });
  const files: Record<string, { body: string; type: string }> = {
    [ADMIN_ASSETS.css]: css(ADMIN_CSS),
    [ADMIN_ASSETS.js]: js(ADMIN_JS),
    [ADMIN_ASSETS.uplotJs]: js(uplot.js),
    [ADMIN_ASSETS.uplotCss]: css(uplot.css),
  };
  for (const [path, file] of Object.entries(files)) {
    router.get(path, (c) => c.body(file.body, 200, { 'content-type': file.type, 'cache-control': YEAR }));
  }
}
