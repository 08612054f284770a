import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSX } from 'hono/jsx/jsx-runtime';

/** Sends a rendered page with its doctype; pages are never cached (they hold live status and tokens). */
export async function sendPage(c: Context, page: JSX.Element, status: ContentfulStatusCode = 200): Promise<Response> {
  const html = await page.toString();
  c.header('Cache-Control', 'no-store');
  return c.html(`<!doctype html>${html}`, status);
}
