import { z } from 'zod';
import { parseDurationMs } from './duration.js';

/** A link key list: `kid:secret,kid:secret` (first signs, all verify), as the customer pages use it. */
export interface LinkKeyEnv {
  id: string;
  secret: string;
}

const keyList = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const keys: LinkKeyEnv[] = [];
    for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
      const colon = part.indexOf(':');
      const id = part.slice(0, colon);
      const secret = part.slice(colon + 1);
      if (colon < 1 || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || secret.length < 32) {
        // The message never repeats the value: it holds a secret.
        ctx.addIssue({ code: 'custom', message: 'expected kid:secret,… (kid: 1–16 of A–Z a–z 0–9 _ -, secret: at least 32 characters)' });
        return z.NEVER;
      }
      keys.push({ id, secret });
    }
    return keys;
  });

const durationMs = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => parseDurationMs(text) ?? (ctx.addIssue({ code: 'custom', message: `expected a duration like 500ms, 30d, got "${text}"` }), z.NEVER));

const optionalText = z
  .string()
  .optional()
  .transform((text) => (text && text.trim().length > 0 ? text.trim() : undefined));

/**
 * The customer pages' variables (src/web, issue #22), spread into the env schema. Secrets are key lists
 * (`kid:secret`) so keys rotate: put the new one first and drop the old one after a link lifetime.
 */
export const webEnvShape = {
  /** Signs `/t/<token>` links; unset: the pages are not served and orders keep their legacy links. */
  TRACKING_LINK_KEYS: keyList,
  /** The secret shared with the storefront, which signs "My Orders" customer tokens with it (the API requires it). */
  STOREFRONT_LINK_KEYS: keyList,
  TRACKING_LINK_TTL: durationMs('30d'),
  /** Legacy random `trackingToken` links are honoured until this date (ISO 8601); unset: never. */
  LEGACY_TRACKING_LINKS_UNTIL: optionalText.transform((text, ctx) => {
    if (!text) return 0;
    const at = Date.parse(text);
    if (Number.isNaN(at)) {
      ctx.addIssue({ code: 'custom', message: `expected an ISO date such as 2027-01-15, got "${text}"` });
      return z.NEVER;
    }
    return at;
  }),
  /** Sites allowed to frame `/embed/t/…`, space- or comma-separated (CSP frame-ancestors sources). */
  EMBED_FRAME_ANCESTORS: z
    .string()
    .optional()
    .transform((text) => (text ?? '').split(/[\s,]+/).filter(Boolean)),
  BRAND_NAME: optionalText,
  BRAND_LOGO_URL: optionalText,
  BRAND_ACCENT: optionalText.pipe(z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #0a7d55').optional()),
  /** How often each API process's one change feed reads what every process wrote (view caches, open pages). */
  LIVE_POLL_INTERVAL: durationMs('500ms'),
  /** Tracking views each API process keeps in memory (about 2 KB each with a few scans); 0 reads every page from the database. */
  TRACKING_VIEW_CACHE_SIZE: z.coerce.number().int().nonnegative().default(10_000),
  /** A cached tracking view is read again after this long even if no change was seen (e.g. a customer's new name). */
  TRACKING_VIEW_CACHE_MAX_AGE: durationMs('60s'),
  /** Behind a reverse proxy: take the client address (rate limits) from `X-Forwarded-For`'s last hop. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
};

type WebEnv = z.output<z.ZodObject<typeof webEnvShape>>;

/** The pages' settings, in the shape `webConfigSchema` (src/web/web-config.ts) accepts. */
export interface WebSettings {
  publicBaseUrl: string;
  linkKeys: LinkKeyEnv[];
  customerKeys: LinkKeyEnv[];
  trackingLinkTtlMs: number;
  legacyTokensUntil: number;
  embedFrameAncestors: string[];
  brand: { name?: string; logoUrl?: string; accent?: string };
  livePollMs: number;
  /** The tracking-view cache's bounds (see webConfigSchema.viewCache). */
  viewCache: { maxEntries: number; maxAgeMs: number };
  trustProxy: boolean;
  /** VAPID_PUBLIC_KEY when web push is configured: the page's subscribe button passes it to the browser. */
  vapidPublicKey?: string;
}

/**
 * The pages' settings, or undefined when no link keys are configured. `customerKeys` may be empty in a
 * process that only signs links (a worker writing e-mails); the API requires them (requireServiceConfig).
 */
export function pickWebSettings(env: WebEnv, publicBaseUrl: string): WebSettings | undefined {
  if (env.TRACKING_LINK_KEYS.length === 0) return undefined;
  return {
    publicBaseUrl,
    linkKeys: env.TRACKING_LINK_KEYS,
    customerKeys: env.STOREFRONT_LINK_KEYS,
    trackingLinkTtlMs: env.TRACKING_LINK_TTL,
    legacyTokensUntil: env.LEGACY_TRACKING_LINKS_UNTIL,
    embedFrameAncestors: env.EMBED_FRAME_ANCESTORS,
    brand: {
      ...(env.BRAND_NAME ? { name: env.BRAND_NAME } : {}),
      ...(env.BRAND_LOGO_URL ? { logoUrl: env.BRAND_LOGO_URL } : {}),
      ...(env.BRAND_ACCENT ? { accent: env.BRAND_ACCENT } : {}),
    },
    livePollMs: env.LIVE_POLL_INTERVAL,
    viewCache: { maxEntries: env.TRACKING_VIEW_CACHE_SIZE, maxAgeMs: env.TRACKING_VIEW_CACHE_MAX_AGE },
    trustProxy: env.TRUST_PROXY,
  };
}
