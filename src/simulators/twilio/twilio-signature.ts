import { createHmac } from 'node:crypto';

/**
 * X-Twilio-Signature as Twilio computes it for form posts: the full URL, then each parameter name followed
 * by its value in name order, HMAC-SHA1 keyed by the auth token, base64. Written out here (not taken from
 * the SDK) so the simulator signs independently of the validator our API uses.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}
