import { z } from 'zod';
import { ChannelConfigError, optionalUrl, textList, type EnvOf } from '../env-fields.js';

/** Where operator alerts go. */
export interface OperatorAlertConfig {
  /** Sent by e-mail through the SMTP settings (needs SMTP_HOST). */
  emails: string[];
  /** A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat, Discord's /slack endpoint). */
  webhookUrl?: string;
}

export const operatorEnvShape = {
  OPS_ALERT_EMAILS: textList.pipe(z.array(z.email())),
  OPS_ALERT_WEBHOOK_URL: optionalUrl,
};

/** Operator alert targets from env; undefined when neither is set. `smtpConfigured` guards e-mail without SMTP. */
export function operatorConfigFromEnv(env: EnvOf<typeof operatorEnvShape>, smtpConfigured: boolean): OperatorAlertConfig | undefined {
  if (env.OPS_ALERT_EMAILS.length === 0 && env.OPS_ALERT_WEBHOOK_URL === undefined) return undefined;
  if (env.OPS_ALERT_EMAILS.length > 0 && !smtpConfigured) {
    throw new ChannelConfigError('OPS_ALERT_EMAILS needs SMTP_HOST (alerts are e-mailed through it)');
  }
  return { emails: env.OPS_ALERT_EMAILS, ...(env.OPS_ALERT_WEBHOOK_URL ? { webhookUrl: env.OPS_ALERT_WEBHOOK_URL } : {}) };
}
