import type { EmailContent } from '../templates/template-types.js';

/** One customer email to send. */
export interface EmailMessage {
  /** Idempotency key (`notify:<order>:<trigger>:email`); the Message-ID is derived from it. */
  key: string;
  to: string;
  content: EmailContent;
  /** One-click unsubscribe URL (https), POSTed to by mail clients per RFC 8058. */
  unsubscribeUrl: string;
  /** Template language, sent as Content-Language. */
  language?: string;
}
