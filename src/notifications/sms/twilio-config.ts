import type { CountryCode } from 'libphonenumber-js';
import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { ChannelConfigError, optionalText, optionalUrl, type EnvOf } from '../env-fields.js';

/** Default paths of our Twilio webhooks (the API routes that receive them are wired by src/api). */
export const TWILIO_STATUS_CALLBACK_PATH = '/webhooks/twilio/status';
export const TWILIO_INBOUND_PATH = '/webhooks/twilio/inbound';

/** Twilio settings as the SMS channel uses them. */
export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Sender: an E.164 number or a Messaging Service SID (`MG…`). */
  from: string;
  /** Replaces `https://api.twilio.com` (the local Twilio-compatible server in dev and tests). */
  apiBaseUrl?: string;
  /** Public URL Twilio posts delivery states to; its X-Twilio-Signature is computed over exactly this. */
  statusCallbackUrl?: string;
  /** Region for numbers given without `+` (ISO 3166 alpha-2, e.g. TR). */
  defaultRegion?: CountryCode;
}

/** The SMS channel's variables (merged into the app's env schema by src/config). */
export const twilioEnvShape = {
  TWILIO_ACCOUNT_SID: optionalText.pipe(z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC + 32 hex digits').optional()),
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_FROM: optionalText,
  TWILIO_API_BASE_URL: optionalUrl,
  /** Defaults to PUBLIC_BASE_URL + /webhooks/twilio/status. */
  TWILIO_STATUS_CALLBACK_URL: optionalUrl,
  SMS_DEFAULT_REGION: optionalText,
};

/** Twilio settings from env; undefined when TWILIO_ACCOUNT_SID is unset (SMS off). */
export function twilioConfigFromEnv(env: EnvOf<typeof twilioEnvShape>, publicBaseUrl?: string): TwilioConfig | undefined {
  if (env.TWILIO_ACCOUNT_SID === undefined) return undefined;
  if (env.TWILIO_AUTH_TOKEN === undefined) throw new ChannelConfigError('TWILIO_AUTH_TOKEN is required when TWILIO_ACCOUNT_SID is set');
  if (env.TWILIO_FROM === undefined) throw new ChannelConfigError('TWILIO_FROM (a number or MG… service SID) is required when TWILIO_ACCOUNT_SID is set');
  const region = env.SMS_DEFAULT_REGION?.toUpperCase();
  if (region !== undefined && !isSupportedCountry(region)) throw new ChannelConfigError(`SMS_DEFAULT_REGION: unknown region "${region}"`);
  const statusCallbackUrl =
    env.TWILIO_STATUS_CALLBACK_URL ?? (publicBaseUrl ? `${publicBaseUrl.replace(/\/+$/, '')}${TWILIO_STATUS_CALLBACK_PATH}` : undefined);
  return {
    accountSid: env.TWILIO_ACCOUNT_SID,
    authToken: env.TWILIO_AUTH_TOKEN,
    from: env.TWILIO_FROM,
    ...(env.TWILIO_API_BASE_URL ? { apiBaseUrl: env.TWILIO_API_BASE_URL } : {}),
    ...(statusCallbackUrl ? { statusCallbackUrl } : {}),
    ...(region ? { defaultRegion: region as CountryCode } : {}),
  };
}
