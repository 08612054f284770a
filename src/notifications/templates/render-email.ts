import { dateRangeInWords } from './date-words.js';
import { escapeHtml, safeHref } from './html-escape.js';
import { PHRASES } from './phrases-by-language.js';
import type { CustomerMessageContext, EmailContent } from './template-types.js';

/** Lines of facts shown in both bodies, in order; undefined entries are left out. */
function factLines(ctx: CustomerMessageContext): string[] {
  const p = PHRASES[ctx.language];
  const lines: (string | undefined)[] = [
    `${p.orderLabel}: ${ctx.orderCode}`,
    `${p.statusLabel}: ${p.milestone[ctx.kind]}`,
    ctx.estimatedDelivery && ctx.kind !== 'delivered' ? p.estimatedDelivery(dateRangeInWords(ctx.estimatedDelivery, ctx.language)) : undefined,
    ctx.carrier ? p.carrierLine(ctx.carrier.name, ctx.carrier.trackingNumber) : undefined,
    ctx.pickupLocation ? p.pickupAt(ctx.pickupLocation) : undefined,
    ctx.detail ? p.carrierDetail(ctx.detail) : undefined,
  ];
  return lines.filter((line): line is string => line !== undefined);
}

function renderText(ctx: CustomerMessageContext, headline: string, facts: string[]): string {
  const p = PHRASES[ctx.language];
  const carrierLink = ctx.carrier?.trackingUrl ? `${p.trackOnCarrier(ctx.carrier.name)}: ${ctx.carrier.trackingUrl}` : undefined;
  return [
    headline,
    '',
    p.explanation[ctx.kind](ctx.carrier?.name),
    '',
    ...facts,
    '',
    `${p.trackButton}: ${ctx.trackingPageUrl}`,
    ...(carrierLink ? [carrierLink] : []),
    '',
    '-- ',
    p.whyYouGetThis(ctx.shopName),
    `${p.unsubscribe}: ${ctx.unsubscribeUrl}`,
    '',
  ].join('\n');
}

function renderHtml(ctx: CustomerMessageContext, headline: string, facts: string[]): string {
  const p = PHRASES[ctx.language];
  const e = escapeHtml;
  const carrierLink = ctx.carrier?.trackingUrl
    ? `<p style="margin:8px 0 0"><a href="${safeHref(ctx.carrier.trackingUrl)}" style="color:#1a56db">${e(p.trackOnCarrier(ctx.carrier.name))}</a></p>`
    : '';
  // Table layout and inline styles: the subset of HTML that mail clients render alike.
  return `<!doctype html>
<html lang="${ctx.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(headline)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px">
<tr><td style="padding:24px 28px 8px;font-size:14px;color:#52606d">${e(ctx.shopName)}</td></tr>
<tr><td style="padding:0 28px"><h1 style="font-size:22px;line-height:1.3;margin:0 0 12px">${e(headline)}</h1>
<p style="margin:0 0 16px;font-size:16px;line-height:1.5">${e(p.explanation[ctx.kind](ctx.carrier?.name))}</p>
<ul style="margin:0 0 20px;padding-left:20px;font-size:15px;line-height:1.6">${facts.map((f) => `<li>${e(f)}</li>`).join('')}</ul>
<p style="margin:0"><a href="${safeHref(ctx.trackingPageUrl)}" style="display:inline-block;background:#1a56db;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:bold">${e(p.trackButton)}</a></p>
${carrierLink}</td></tr>
<tr><td style="padding:24px 28px;font-size:12px;line-height:1.5;color:#7b8794">${e(p.whyYouGetThis(ctx.shopName))}<br>
<a href="${safeHref(ctx.unsubscribeUrl)}" style="color:#7b8794">${e(p.unsubscribe)}</a></td></tr>
</table></td></tr></table>
</body>
</html>
`;
}

/** Subject, HTML and plain text of a customer email. Pure: same context, same bytes. */
export function renderEmail(ctx: CustomerMessageContext): EmailContent {
  const headline = PHRASES[ctx.language].headline[ctx.kind](ctx.orderCode);
  const facts = factLines(ctx);
  return { subject: headline, html: renderHtml(ctx, headline, facts), text: renderText(ctx, headline, facts) };
}
