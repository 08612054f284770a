import { ChannelConfigError, optionalText, type EnvOf } from '../env-fields.js';

/** VAPID identity of our push sender (RFC 8292). */
export interface VapidConfig {
  /** Uncompressed P-256 public key, base64url (65 bytes; what the page passes as applicationServerKey). */
  publicKey: string;
  privateKey: string;
  /** `mailto:` or `https:` contact the push services can reach. */
  subject: string;
}

/** The push channel's variables (generate a pair with `npx web-push generate-vapid-keys`). */
export const vapidEnvShape = {
  VAPID_PUBLIC_KEY: optionalText,
  VAPID_PRIVATE_KEY: optionalText,
  VAPID_SUBJECT: optionalText,
};

const byteLength = (base64url: string) => Buffer.from(base64url, 'base64url').length;

/** VAPID settings from env; undefined when VAPID_PUBLIC_KEY is unset (push off). */
export function vapidConfigFromEnv(env: EnvOf<typeof vapidEnvShape>): VapidConfig | undefined {
  if (env.VAPID_PUBLIC_KEY === undefined) return undefined;
  if (env.VAPID_PRIVATE_KEY === undefined || env.VAPID_SUBJECT === undefined) {
    throw new ChannelConfigError('VAPID_PRIVATE_KEY and VAPID_SUBJECT are required when VAPID_PUBLIC_KEY is set');
  }
  if (byteLength(env.VAPID_PUBLIC_KEY) !== 65) throw new ChannelConfigError('VAPID_PUBLIC_KEY: expected 65 bytes, base64url');
  if (byteLength(env.VAPID_PRIVATE_KEY) !== 32) throw new ChannelConfigError('VAPID_PRIVATE_KEY: expected 32 bytes, base64url');
  if (!/^(mailto:|https:\/\/)/.test(env.VAPID_SUBJECT)) throw new ChannelConfigError('VAPID_SUBJECT: expected a mailto: or https: URL');
  return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT };
}
