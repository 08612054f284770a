/** How the Twilio-compatible simulator behaves. */
export interface TwilioSimOptions {
  /** The one account it serves (`AC…`) and its auth token: Basic auth and webhook signatures use them. */
  accountSid: string;
  authToken: string;
  /** Our API's inbound-message webhook; inbound messages (STOP/START…) are posted there, signed. */
  inboundWebhookUrl?: string;
  /** The number inbound messages are addressed to (our TWILIO_FROM); default +15005550006. */
  phoneNumber?: string;
  /** Real milliseconds between queued → sent → delivered (default 300). */
  stepDelayMs?: number;
  /** Create-time errors by `To` number (default: Twilio's magic test numbers, e.g. +15005550001 → 21211). */
  rejectNumbers?: Record<string, number>;
  /** Numbers whose messages end undelivered/failed with a delivery error code (e.g. 30003). */
  deliveryFailures?: Record<string, { status: 'undelivered' | 'failed'; errorCode: number }>;
  /** Timeout of each webhook post (default 15 s, Twilio's own for status callbacks). */
  webhookTimeoutMs?: number;
}
