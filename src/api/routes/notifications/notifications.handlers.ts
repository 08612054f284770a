import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.js';
import type { TwilioWebhookInput } from '../../../services/notification-callbacks.js';
import { unsubscribePage } from './unsubscribe-page.js';

/** The webhook as Twilio sent it, with the public URL it called (behind a proxy the host differs). */
async function twilioInput(c: Context<AppEnv>, publicBaseUrl: string): Promise<TwilioWebhookInput> {
  const url = new URL(c.req.url);
  return { url: `${publicBaseUrl}${url.pathname}${url.search}`, rawBody: await c.req.text(), signature: c.req.header('x-twilio-signature') };
}

export const twilioStatus =
  ({ services, publicBaseUrl }: AppDeps) =>
  async (c: Context<AppEnv>) => {
    await services.notificationCallbacks.twilioStatus(await twilioInput(c, publicBaseUrl));
    return c.body(null, 204);
  };

export const twilioInbound =
  ({ services, publicBaseUrl }: AppDeps) =>
  async (c: Context<AppEnv>) => {
    await services.notificationCallbacks.twilioInbound(await twilioInput(c, publicBaseUrl));
    // Empty: Twilio itself sends the carrier-required STOP/START confirmation.
    return c.body(null, 204);
  };

export const unsubscribeForm =
  ({ services }: AppDeps) =>
  (c: Context<AppEnv, '/unsubscribe/:token'>) => {
    const subject = services.notificationCallbacks.unsubscribeSubject(c.req.param('token'));
    return c.html(unsubscribePage(subject.channel, false));
  };

export const unsubscribe =
  ({ services }: AppDeps) =>
  async (c: Context<AppEnv, '/unsubscribe/:token'>) => {
    const subject = await services.notificationCallbacks.unsubscribe(c.req.param('token'));
    return c.html(unsubscribePage(subject.channel, true));
  };
