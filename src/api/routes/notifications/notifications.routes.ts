import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../../errors.js';

/**
 * Twilio webhooks are documented only: the handlers read the raw form body, because the signature covers
 * the parameters exactly as sent.
 */
export const twilioStatusRoute = createRoute({
  method: 'post',
  path: '/webhooks/twilio/status',
  tags: ['Notification webhooks'],
  summary: "Twilio's message status callback (queued, sent, delivered, undelivered, failed)",
  description: 'Verified with `X-Twilio-Signature` against the public URL; the state is kept on the notification request.',
  responses: { 204: { description: 'Recorded (or not ours)' }, ...errorResponses(400, 404), 403: { description: 'X-Twilio-Signature missing or wrong' } },
});

export const twilioInboundRoute = createRoute({
  method: 'post',
  path: '/webhooks/twilio/inbound',
  tags: ['Notification webhooks'],
  summary: "Twilio's inbound message webhook: STOP opts the sender out of SMS at once, START back in",
  responses: { 204: { description: 'Handled' }, ...errorResponses(400, 404), 403: { description: 'X-Twilio-Signature missing or wrong' } },
});

const TokenParam = z.object({ token: z.string().min(10).max(400) });

export const unsubscribePageRoute = createRoute({
  method: 'get',
  path: '/unsubscribe/{token}',
  tags: ['Customers'],
  summary: 'Unsubscribe confirmation page (a button that POSTs to the same URL)',
  request: { params: TokenParam },
  responses: { 200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } }, ...errorResponses(404) },
});

export const unsubscribeRoute = createRoute({
  method: 'post',
  path: '/unsubscribe/{token}',
  tags: ['Customers'],
  summary: 'Unsubscribe (RFC 8058 one-click: body `List-Unsubscribe=One-Click`, or the page\'s form)',
  request: { params: TokenParam },
  responses: { 200: { description: 'Unsubscribed; HTML confirmation', content: { 'text/html': { schema: z.string() } } }, ...errorResponses(404) },
});
