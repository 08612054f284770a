import { z } from 'zod';
import { ChannelConfigError, flag, optionalText, type EnvOf } from '../env-fields.js';

/** SMTP settings as the email channel and the operator e-mail sender use them. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send without STARTTLS on a non-secure port. */
  requireTls: boolean;
  /** Check the server certificate (turn off only for a local test server). */
  tlsRejectUnauthorized: boolean;
  auth?: { user: string; pass: string };
  /** The From header, e.g. `Acme Shop <orders@acme.example>`. */
  from: string;
  /** Right-hand side of Message-IDs: the From address's domain unless set. */
  messageIdDomain: string;
  /** Mailbox for the `mailto:` form of List-Unsubscribe; none = https form only. */
  unsubscribeMailbox?: string;
}

/** The email channel's variables (merged into the app's env schema by src/config). */
export const smtpEnvShape = {
  SMTP_HOST: optionalText,
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** `auto` = TLS from the start on port 465, STARTTLS elsewhere. */
  SMTP_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SMTP_REQUIRE_TLS: flag(false),
  SMTP_TLS_REJECT_UNAUTHORIZED: flag(true),
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  SMTP_FROM: optionalText,
  SMTP_MESSAGE_ID_DOMAIN: optionalText,
  EMAIL_UNSUBSCRIBE_MAILBOX: optionalText.pipe(z.email().optional()),
};

/** The bare address of a From header (`Name <a@b>` or `a@b`). */
export function addressOf(from: string): string {
  const match = /<([^>]+)>\s*$/.exec(from);
  return (match?.[1] ?? from).trim();
}

/** SMTP settings from env; undefined when SMTP_HOST is unset (email off). */
export function smtpConfigFromEnv(env: EnvOf<typeof smtpEnvShape>): SmtpConfig | undefined {
  if (env.SMTP_HOST === undefined) return undefined;
  if (env.SMTP_FROM === undefined) throw new ChannelConfigError('SMTP_FROM is required when SMTP_HOST is set');
  if ((env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined)) {
    throw new ChannelConfigError('SMTP_USER and SMTP_PASSWORD are set together or not at all');
  }
  const fromAddress = addressOf(env.SMTP_FROM);
  const domain = env.SMTP_MESSAGE_ID_DOMAIN ?? fromAddress.split('@')[1];
  if (!domain) throw new ChannelConfigError(`SMTP_FROM has no domain (${env.SMTP_FROM}); set SMTP_MESSAGE_ID_DOMAIN`);
  return {
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE === 'auto' ? env.SMTP_PORT === 465 : env.SMTP_SECURE === 'true',
    requireTls: env.SMTP_REQUIRE_TLS,
    tlsRejectUnauthorized: env.SMTP_TLS_REJECT_UNAUTHORIZED,
    ...(env.SMTP_USER && env.SMTP_PASSWORD ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } } : {}),
    from: env.SMTP_FROM,
    messageIdDomain: domain,
    ...(env.EMAIL_UNSUBSCRIBE_MAILBOX ? { unsubscribeMailbox: env.EMAIL_UNSUBSCRIBE_MAILBOX } : {}),
  };
}
