import twilio from 'twilio';

/** A webhook request from Twilio as our route sees it. */
export interface TwilioWebhookRequest {
  /** The public URL Twilio called, exactly as configured there (scheme, host, path, query). */
  url: string;
  /** The form fields (application/x-www-form-urlencoded), decoded. */
  params: Record<string, string>;
  /** The X-Twilio-Signature header; missing means unsigned. */
  signature: string | undefined;
}

/**
 * Checks X-Twilio-Signature with the SDK's `validateRequest` (HMAC-SHA1 over the URL and the sorted form
 * fields, keyed by the auth token). Behind a proxy, pass the public URL, not the one the proxy forwarded.
 */
export function verifyTwilioSignature(authToken: string, request: TwilioWebhookRequest): boolean {
  if (!request.signature) return false;
  return twilio.validateRequest(authToken, request.signature, request.url, request.params);
}

/** Form fields of a urlencoded body as Twilio's validator wants them (last value of a repeated name wins). */
export function formParams(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** Twilio's default opt-out / opt-in / help keywords (case-insensitive, the whole message). */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);

/** An inbound SMS, read. `action` says what it does to the sender's SMS preference. */
export interface InboundSms {
  messageSid: string;
  from: string;
  to: string;
  body: string;
  action: 'opt_out' | 'opt_in' | 'help' | 'none';
}

/**
 * Reads an inbound-message webhook (after verification). Twilio's Advanced Opt-Out sends `OptOutType`
 * (STOP/START/HELP); without it the body's keyword decides, as Twilio's default handling does.
 */
export function parseInboundSms(params: Record<string, string>): InboundSms | undefined {
  const messageSid = params.MessageSid ?? params.SmsSid;
  if (!messageSid || !params.From || !params.To) return undefined;
  const body = params.Body ?? '';
  const keyword = (params.OptOutType ?? body).trim().toUpperCase();
  const action = OPT_OUT.has(keyword) ? 'opt_out' : OPT_IN.has(keyword) ? 'opt_in' : HELP.has(keyword) ? 'help' : 'none';
  return { messageSid, from: params.From, to: params.To, body, action };
}
