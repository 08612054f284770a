import { z } from 'zod';
import type { TwilioSimOptions } from './twilio-sim-options.js';

const failures = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const out: NonNullable<TwilioSimOptions['deliveryFailures']> = {};
    for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
      const match = /^(\+[1-9]\d{6,14})=(undelivered|failed):(\d{5})$/.exec(part);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `expected +number=undelivered|failed:code, got "${part}"` });
        return z.NEVER;
      }
      out[match[1]!] = { status: match[2] as 'undelivered' | 'failed', errorCode: Number(match[3]) };
    }
    return out;
  });

/** The simulator's own environment (`npm run twilio-sim`), apart from the app's config. */
export const twilioSimEnvSchema = z.object({
  TWILIO_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4020),
  TWILIO_SIM_HOST: z.string().min(1).default('127.0.0.1'),
  /** Must equal the app's TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN. */
  TWILIO_SIM_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC + 32 hex digits'),
  TWILIO_SIM_AUTH_TOKEN: z.string().trim().min(8),
  TWILIO_SIM_PHONE_NUMBER: z.string().regex(/^\+[1-9]\d{6,14}$/).default('+15005550006'),
  /** Our API's inbound-message webhook (PUBLIC_BASE_URL + /webhooks/twilio/inbound). */
  TWILIO_SIM_INBOUND_WEBHOOK_URL: z.url().optional(),
  TWILIO_SIM_STEP_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(300),
  /** `+15005550100=undelivered:30003,+15005550101=failed:30006` */
  TWILIO_SIM_DELIVERY_FAILURES: failures,
});

/** Options for `startTwilioSim` from an environment (pass `process.env`; only src/bin reads it). */
export function parseTwilioSimConfig(env: Record<string, string | undefined>): TwilioSimOptions & { port: number; host: string } {
  const parsed = twilioSimEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid Twilio simulator configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.TWILIO_SIM_PORT,
    host: e.TWILIO_SIM_HOST,
    accountSid: e.TWILIO_SIM_ACCOUNT_SID,
    authToken: e.TWILIO_SIM_AUTH_TOKEN,
    phoneNumber: e.TWILIO_SIM_PHONE_NUMBER,
    stepDelayMs: e.TWILIO_SIM_STEP_DELAY_MS,
    deliveryFailures: e.TWILIO_SIM_DELIVERY_FAILURES,
    ...(e.TWILIO_SIM_INBOUND_WEBHOOK_URL ? { inboundWebhookUrl: e.TWILIO_SIM_INBOUND_WEBHOOK_URL } : {}),
  };
}
