import { dateRangeInWords } from './date-words.js';
import { countSegments, toGsm7Friendly } from './gsm7.js';
import { PHRASES } from './phrases-by-language.js';
import type { CustomerMessageContext, SmsContent } from './template-types.js';

function sentence(parts: (string | undefined)[]): string {
  return parts.filter((part): part is string => part !== undefined && part.length > 0).join(' ');
}

/**
 * Candidate bodies from the most to the least informative: every one names the shop, the order and what
 * happened, and carries the tracking link; the longer ones add the estimate, the carrier and the opt-out hint.
 */
function candidates(ctx: CustomerMessageContext): string[] {
  const p = PHRASES[ctx.language];
  const head = `${ctx.shopName}: ${p.headline[ctx.kind](ctx.orderCode)}.`;
  const eta =
    ctx.estimatedDelivery && ctx.kind !== 'delivered' ? `${p.smsEstimate(dateRangeInWords(ctx.estimatedDelivery, ctx.language, true))}.` : undefined;
  const carrier = ctx.carrier ? `${ctx.carrier.name}.` : undefined;
  const pickup = ctx.pickupLocation ? `${p.pickupAt(ctx.pickupLocation)}.` : undefined;
  const track = `${p.smsTrack} ${ctx.trackingPageUrl}`;
  return [
    sentence([head, pickup, eta, carrier, track, p.smsStop]),
    sentence([head, pickup, eta, carrier, track]),
    sentence([head, pickup, eta, track]),
    sentence([head, eta, track]),
    sentence([head, track]),
  ];
}

/**
 * The SMS body: the first candidate that needs the fewest segments, after Turkish letters are transliterated
 * to stay in GSM-7 (see gsm7.ts for why). Usually that is one 160-character segment.
 */
export function renderSms(ctx: CustomerMessageContext): SmsContent {
  let best: SmsContent | undefined;
  for (const raw of candidates(ctx)) {
    const body = toGsm7Friendly(raw);
    const count = countSegments(body);
    if (best === undefined || count.segments < best.segments) best = { body, encoding: count.encoding, segments: count.segments };
    if (count.segments === 1) break;
  }
  return best as SmsContent;
}
