import { dateRangeInWords } from './date-words.js';
import { PHRASES } from './phrases-by-language.js';
import type { CustomerMessageContext, PushContent } from './template-types.js';

/** Title, text and link of a web-push notification (shown by the tracking page's service worker). */
export function renderPush(ctx: CustomerMessageContext): PushContent {
  const p = PHRASES[ctx.language];
  const eta =
    ctx.estimatedDelivery && ctx.kind !== 'delivered' ? p.estimatedDelivery(dateRangeInWords(ctx.estimatedDelivery, ctx.language, true)) : undefined;
  return {
    title: `${ctx.shopName}: ${p.milestone[ctx.kind]}`,
    body: eta ? `${p.headline[ctx.kind](ctx.orderCode)}. ${eta}` : `${p.headline[ctx.kind](ctx.orderCode)}.`,
    url: ctx.trackingPageUrl,
    tag: `order-${ctx.orderCode}`,
  };
}
