import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an unsubscribe link stands for: one customer leaving one channel. */
export interface UnsubscribeSubject {
  customerId: string;
  channel: 'email' | 'sms' | 'push';
}

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * A signed, URL-safe token `<payload>.<hmac>`: no database row per link, and nobody can unsubscribe someone
 * else by guessing. It does not expire: an old e-mail's link must keep working (RFC 8058 asks that).
 */
export function signUnsubscribeToken(secret: string, subject: UnsubscribeSubject): string {
  const payload = Buffer.from(`${subject.customerId}:${subject.channel}`).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The subject of a valid token, or undefined for a forged, altered or malformed one. */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeSubject | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const [customerId, channel] = Buffer.from(payload, 'base64url').toString('utf8').split(':');
  if (!customerId || (channel !== 'email' && channel !== 'sms' && channel !== 'push')) return undefined;
  return { customerId, channel };
}
