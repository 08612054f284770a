import { defineChannel } from '../channel-manifest.js';
import { createEmailChannel } from './email-channel.js';
import { smtpConfigFromEnv, smtpEnvShape } from './smtp-config.js';

/** Email over SMTP (nodemailer). */
export const emailChannel = defineChannel({
  id: 'email',
  displayName: 'Email (SMTP)',
  envShape: smtpEnvShape,
  configFromEnv: (env) => smtpConfigFromEnv(env),
  create: (config) => createEmailChannel(config),
});

export { createEmailChannel, listUnsubscribeHeaders, type EmailChannel } from './email-channel.js';
export type { EmailMessage } from './email-message.js';
export { messageIdFor } from './message-id.js';
export { classifySmtpError } from './classify-smtp-error.js';
export { createSmtpTransport } from './smtp-transport.js';
export type { SmtpConfig } from './smtp-config.js';
