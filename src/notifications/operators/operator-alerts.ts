import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { classifySmtpError } from '../email/classify-smtp-error.js';
import { messageIdFor } from '../email/message-id.js';
import type { SmtpConfig } from '../email/smtp-config.js';
import { isNotificationSendError, NotificationSendError } from '../send-error.js';
import { renderOperatorAlert, type OperatorAlert } from '../templates/operator-alerts.js';
import type { OperatorAlertConfig } from './operator-config.js';
import { postChatAlert } from './chat-webhook.js';

/** What happened per target; a target absent from the config is absent here. */
export interface OperatorAlertResult {
  email?: { ok: true; messageId: string } | { ok: false; error: NotificationSendError };
  chat?: { ok: true } | { ok: false; error: NotificationSendError };
}

/** Sends operator alerts to every configured target. Episode bookkeeping ("once per episode") is the caller's. */
export interface OperatorAlertSender {
  /**
   * Sends `alert` to the ops list and the chat webhook. `key` identifies the alert (e.g.
   * `ops:stall:<order>:<episode>`) and becomes the e-mail's Message-ID, so a retried send is recognisable.
   * Never rejects: each target's outcome is in the result, so one failing target does not hide the other.
   */
  send(key: string, alert: OperatorAlert): Promise<OperatorAlertResult>;
}

function asSendError(error: unknown): NotificationSendError {
  return isNotificationSendError(error) ? error : new NotificationSendError('transient', 'unknown', String(error));
}

/** The sender for a config; `smtp` is the shared transport and its settings (required when emails are set). */
export function createOperatorAlertSender(
  config: OperatorAlertConfig,
  smtp?: { config: SmtpConfig; transport: Transporter<SMTPTransport.SentMessageInfo> },
): OperatorAlertSender {
  return {
    async send(key, alert) {
      const content = renderOperatorAlert(alert);
      const result: OperatorAlertResult = {};
      const tasks: Promise<void>[] = [];
      if (config.emails.length > 0 && smtp) {
        const messageId = messageIdFor(key, smtp.config.messageIdDomain);
        tasks.push(
          smtp.transport
            .sendMail({ from: smtp.config.from, to: config.emails, subject: content.subject, text: content.text, messageId, headers: { 'Auto-Submitted': 'auto-generated' } })
            .then(
              () => void (result.email = { ok: true, messageId }),
              (error: unknown) => void (result.email = { ok: false, error: classifySmtpError(error) }),
            ),
        );
      }
      if (config.webhookUrl) {
        tasks.push(
          postChatAlert(config.webhookUrl, content.chatText).then(
            () => void (result.chat = { ok: true }),
            (error: unknown) => void (result.chat = { ok: false, error: asSendError(error) }),
          ),
        );
      }
      await Promise.all(tasks);
      return result;
    },
  };
}
