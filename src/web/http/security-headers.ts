import type { MiddlewareHandler } from 'hono';

/** The CSP of every page: only same-origin script and style (no inline code), no plugins, forms post home. */
export function contentSecurityPolicy(opts: { frameAncestors: readonly string[]; extraImgSrc?: readonly string[] }): string {
  const ancestors = opts.frameAncestors.length > 0 ? opts.frameAncestors.join(' ') : "'none'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${opts.extraImgSrc?.length ? ` ${opts.extraImgSrc.join(' ')}` : ''}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

/**
 * Headers of the customer pages. Token URLs are capabilities: `no-referrer` keeps them out of other
 * sites' logs (also when the customer follows the carrier link). Only `/embed/*` may be framed, and only
 * by the configured ancestors.
 */
export function webSecurityHeaders(opts: { embedFrameAncestors: readonly string[]; extraImgSrc?: readonly string[] }): MiddlewareHandler {
  const pageCsp = contentSecurityPolicy({ frameAncestors: [], ...(opts.extraImgSrc ? { extraImgSrc: opts.extraImgSrc } : {}) });
  const embedCsp = contentSecurityPolicy({ frameAncestors: opts.embedFrameAncestors, ...(opts.extraImgSrc ? { extraImgSrc: opts.extraImgSrc } : {}) });
  return async (c, next) => {
    await next();
    const embed = c.req.path.startsWith('/embed/');
    c.header('Content-Security-Policy', embed ? embedCsp : pageCsp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!embed) c.header('X-Frame-Options', 'DENY');
  };
}
