/** One customer SMS to send. */
export interface SmsMessage {
  /** Idempotency key (`notify:<order>:<trigger>:sms`), kept beside Twilio's SID by the caller. */
  key: string;
  /** The customer's number: E.164 (`+905321234567`) or national with the channel's default region. */
  to: string;
  /** The rendered body (see templates/render-sms.ts). */
  body: string;
}
