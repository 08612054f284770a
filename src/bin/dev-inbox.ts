import { serve } from '@hono/node-server';
import { z } from 'zod';
import { createDevInboxApp } from '../simulators/dev-inbox/create-dev-inbox-app.js';

/** The dev inbox as a process (npm run dev starts it): reads Mailpit and the Twilio simulator. */
const env = z
  .object({
    DEV_INBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4030),
    DEV_INBOX_MAILPIT_URL: z.url(),
    TWILIO_SIM_URL: z.url(),
    TWILIO_SIM_ACCOUNT_SID: z.string().min(1),
    TWILIO_SIM_AUTH_TOKEN: z.string().min(1),
  })
  .parse(process.env);

const app = createDevInboxApp({
  mailpitUrl: env.DEV_INBOX_MAILPIT_URL,
  twilio: { url: env.TWILIO_SIM_URL, accountSid: env.TWILIO_SIM_ACCOUNT_SID, authToken: env.TWILIO_SIM_AUTH_TOKEN },
});
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: env.DEV_INBOX_PORT }, (info) => console.log(`dev inbox on http://127.0.0.1:${info.port}`));
