import { Hono } from 'hono';
import { inboxPage } from './inbox-page.js';
import { registerMessageRoutes } from './messages-routes.js';
import { TwilioSimStore } from './sim-store.js';
import type { TwilioSimOptions } from './twilio-sim-options.js';

/** The simulator as a Hono app and its store (tests drive both). */
export interface TwilioSim {
  app: Hono;
  store: TwilioSimStore;
}

/**
 * A local server speaking Twilio's Messages REST API (what `twilio` SDK's `messages.create/get/list` call),
 * plus `/` (a page of the SMS it handled), `POST /sim/inbound` (a customer replies: form or JSON
 * `{From, Body}`, posted to the inbound webhook, signed) and `GET /sim/messages` (JSON, for scripts).
 */
export function createTwilioSimApp(options: TwilioSimOptions): TwilioSim {
  const store = new TwilioSimStore(options);
  const app = new Hono();
  registerMessageRoutes(app, store);

  app.get('/', (c) => c.html(inboxPage(store.messages, options.phoneNumber ?? '+15005550006', options.inboundWebhookUrl !== undefined)));

  app.get('/sim/messages', (c) => c.json(store.messages));

  app.post('/sim/inbound', async (c) => {
    const isJson = (c.req.header('content-type') ?? '').includes('application/json');
    const input = isJson ? ((await c.req.json()) as Record<string, unknown>) : await c.req.parseBody();
    const from = typeof input.From === 'string' ? input.From.trim() : '';
    const body = typeof input.Body === 'string' ? input.Body : '';
    if (!/^\+[1-9]\d{6,14}$/.test(from) || body.length === 0) {
      return c.json({ error: { code: 'invalid_inbound', message: 'From (E.164) and Body are required' } }, 400);
    }
    const { message, post } = await store.receiveInbound(from, body);
    if (!isJson) return c.redirect('/', 303);
    return c.json({ sid: message.sid, webhookStatus: post?.status ?? null, webhookResult: post?.result ?? 'no inbound webhook configured' }, 201);
  });

  return { app, store };
}
