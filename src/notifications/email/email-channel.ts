import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Channel, SendReceipt } from '../channel.js';
import { NotificationSendError } from '../send-error.js';
import { classifySmtpError } from './classify-smtp-error.js';
import type { EmailMessage } from './email-message.js';
import { messageIdFor } from './message-id.js';
import type { SmtpConfig } from './smtp-config.js';
import { createSmtpTransport } from './smtp-transport.js';

/** The email channel plus `close()` for shutdown (the transport pools connections). */
export interface EmailChannel extends Channel<'email'> {
  close(): void;
}

/** RFC 2369 List-Unsubscribe with the https form first (RFC 8058 one-click), then mailto when configured. */
export function listUnsubscribeHeaders(message: EmailMessage, mailbox: string | undefined): Record<string, string> {
  const targets = [`<${message.unsubscribeUrl}>`];
  if (mailbox) targets.push(`<mailto:${mailbox}?subject=${encodeURIComponent(`unsubscribe ${message.unsubscribeUrl}`)}>`);
  return { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** Customer email over SMTP with nodemailer. `transport` is for callers that share one (default: a new pool). */
export function createEmailChannel(config: SmtpConfig, transport?: Transporter<SMTPTransport.SentMessageInfo>): EmailChannel {
  const smtp = transport ?? createSmtpTransport(config);
  return {
    id: 'email',
    async send(message: EmailMessage): Promise<SendReceipt> {
      if (!/^https:\/\//.test(message.unsubscribeUrl) && !/^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(message.unsubscribeUrl)) {
        // RFC 8058 requires https; a plain-http link only passes for a local dev stack.
        throw new NotificationSendError('permanent', 'rejected', `unsubscribe URL must be https: ${message.unsubscribeUrl}`);
      }
      const messageId = messageIdFor(message.key, config.messageIdDomain);
      let info: SMTPTransport.SentMessageInfo;
      try {
        info = await smtp.sendMail({
          from: config.from,
          to: message.to,
          subject: message.content.subject,
          text: message.content.text,
          html: message.content.html,
          messageId,
          headers: {
            ...listUnsubscribeHeaders(message, config.unsubscribeMailbox),
            // RFC 3834: an automatic message; well-behaved responders do not answer it.
            'Auto-Submitted': 'auto-generated',
            ...(message.language ? { 'Content-Language': message.language } : {}),
          },
        });
      } catch (error) {
        throw classifySmtpError(error);
      }
      if (info.rejected.length > 0) {
        throw new NotificationSendError('permanent', 'hard_bounce', `recipient refused: ${info.response}`);
      }
      return { providerMessageId: messageId, state: 'sent' };
    },
    close: () => smtp.close(),
  };
}
