import type { Context } from 'hono';
import { pickLanguage, messagesFor, type Language } from '../i18n/i18n.js';
import type { Messages } from '../i18n/messages-en.js';
import { verifyTrackingToken, type LinkSettings } from '../links/tracking-links.js';
import type { WebConfig } from '../web-config.js';
import type { ResolvedWebDeps } from './web-deps.js';

export const linkSettings = (config: WebConfig): LinkSettings => ({
  keys: config.linkKeys,
  customerKeys: config.customerKeys,
  trackingLinkTtlMs: config.trackingLinkTtlMs,
});

/** Language and messages for a request (the order's choice first when known). */
export function languageFor(c: Context, orderLanguage?: string): { lang: Language; m: Messages } {
  const lang = pickLanguage(orderLanguage, c.req.header('accept-language'));
  return { lang, m: messagesFor(lang) };
}

export type TokenResolution = { ok: true; orderCode: string; legacy: boolean } | { ok: false; expired: boolean };

/**
 * A signed token's order, or a legacy random `trackingToken`'s while legacy links are still accepted.
 * Anything else (tampered, unknown key, expired) resolves to no order at all.
 */
export async function resolveToken(deps: ResolvedWebDeps, token: string): Promise<TokenResolution> {
  const now = deps.now();
  if (token.includes('.')) {
    const verified = verifyTrackingToken(linkSettings(deps.config), token, now);
    return verified.ok ? { ok: true, orderCode: verified.claims.o, legacy: false } : { ok: false, expired: verified.reason === 'expired' };
  }
  if (now >= deps.config.legacyTokensUntil || !/^[A-Za-z0-9_-]{16,64}$/.test(token)) return { ok: false, expired: false };
  const orderCode = await deps.queries.findOrderCodeByLegacyToken(token);
  return orderCode ? { ok: true, orderCode, legacy: true } : { ok: false, expired: false };
}
