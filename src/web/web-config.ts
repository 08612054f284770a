import { z } from 'zod';
import { DEFAULT_TRACKING_LINK_TTL_MS } from './links/tracking-links.js';

const linkKey = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/), secret: z.string().min(32, 'link secrets need at least 32 characters') });

/**
 * Settings of the customer pages. The lead parses them in src/config from the environment (e.g.
 * `TRACKING_LINK_KEYS=k2:secret,k1:oldsecret`) and passes the result to `createWebRouter`.
 */
export const webConfigSchema = z.object({
  /** Absolute base URL links are built on (e.g. https://track.example.com). */
  publicBaseUrl: z.string().url(),
  /** Tracking link keys; the first signs, all verify. */
  linkKeys: z.array(linkKey).min(1),
  /** Storefront's "My Orders" keys (shared secret with the shop). */
  customerKeys: z.array(linkKey).min(1),
  trackingLinkTtlMs: z.number().int().positive().default(DEFAULT_TRACKING_LINK_TTL_MS),
  /** Legacy random `trackingToken` links are accepted until this instant (epoch ms); 0 = never. */
  legacyTokensUntil: z.number().int().nonnegative().default(0),
  /** `frame-ancestors` sources allowed to embed `/embed/*` (e.g. `https://shop.example.com`). */
  embedFrameAncestors: z.array(z.string()).default([]),
  /** The shop's name, logo and accent colour on every page and the embed (the embed's query may override colours). */
  brand: z.object({ name: z.string().optional(), logoUrl: z.string().optional(), accent: z.string().optional() }).default({}),
  lookupRateLimit: z.object({ windowMs: z.number().int().positive(), max: z.number().int().positive() }).default({ windowMs: 60_000, max: 10 }),
  /** How often the process's one change feed reads what every process wrote (view caches, open pages). */
  livePollMs: z.number().int().positive().default(500),
  /**
   * Each process's cache of tracking views (src/web/live/view-cache.ts): at most `maxEntries` orders (about
   * 2 KB each with a few scans; 0 turns it off), each re-read after `maxAgeMs` whatever the change feed says; the feed reads
   * back `lagMs` so a write that took that long to land is still seen.
   */
  viewCache: z
    .object({
      maxEntries: z.number().int().nonnegative().default(10_000),
      maxAgeMs: z.number().int().positive().default(60_000),
      lagMs: z.number().int().nonnegative().default(3_000),
    })
    .default({ maxEntries: 10_000, maxAgeMs: 60_000, lagMs: 3_000 }),
  /** VAPID public key for the push-subscribe button (absent: the button is not shown). */
  vapidPublicKey: z.string().optional(),
});

export type WebConfig = z.infer<typeof webConfigSchema>;
export type WebConfigInput = z.input<typeof webConfigSchema>;
