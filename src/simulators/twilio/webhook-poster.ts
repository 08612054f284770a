import { randomUUID } from 'node:crypto';
import { twilioSignature } from './twilio-signature.js';

/** What a signed webhook post got back. */
export interface PostResult {
  status: number | undefined;
  /** `204`, `401`, or the network error's text. */
  result: string;
  body?: string;
}

/** POSTs form fields to a URL the way Twilio does: urlencoded, X-Twilio-Signature, idempotency token. */
export async function postSignedForm(
  url: string,
  params: Record<string, string>,
  authToken: string,
  timeoutMs: number,
): Promise<PostResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(authToken, url, params),
        'i-twilio-idempotency-token': randomUUID(),
        'user-agent': 'TwilioProxy/1.1',
      },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    return { status: response.status, result: String(response.status), body };
  } catch (error) {
    return { status: undefined, result: error instanceof Error ? error.message : String(error) };
  }
}
