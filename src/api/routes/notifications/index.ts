import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppDeps, type AppEnv } from '../../app-env.js';
import { bodySizeLimit } from '../../middleware/body-size-limit.js';
import { twilioInbound, twilioStatus, unsubscribe, unsubscribeForm } from './notifications.handlers.js';
import { twilioInboundRoute, twilioStatusRoute, unsubscribePageRoute, unsubscribeRoute } from './notifications.routes.js';

/** Twilio's callbacks are a few hundred bytes of form data. */
const TWILIO_MAX_BODY_BYTES = 64 * 1024;

/** What comes back after a message: Twilio's callbacks (signed) and unsubscribe links (signed tokens). */
export function notificationsRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const router = createRouter();
  for (const route of [twilioStatusRoute, twilioInboundRoute, unsubscribePageRoute, unsubscribeRoute]) router.openAPIRegistry.registerPath(route);
  router.post('/webhooks/twilio/status', bodySizeLimit(TWILIO_MAX_BODY_BYTES, 'Twilio callback'), twilioStatus(deps));
  router.post('/webhooks/twilio/inbound', bodySizeLimit(TWILIO_MAX_BODY_BYTES, 'Twilio webhook'), twilioInbound(deps));
  router.get('/unsubscribe/:token', unsubscribeForm(deps));
  router.post('/unsubscribe/:token', bodySizeLimit(TWILIO_MAX_BODY_BYTES, 'Unsubscribe request'), unsubscribe(deps));
  return router;
}
