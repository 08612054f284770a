import { describe, expect, it } from 'vitest';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '../../../src/notifications/unsubscribe-token.js';

const SECRET = 'unit-test-unsubscribe-secret';

describe('signed unsubscribe tokens', () => {
  it('round-trips the customer and channel and is URL-safe', () => {
    const token = signUnsubscribeToken(SECRET, { customerId: '65f000000000000000000001', channel: 'email' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ customerId: '65f000000000000000000001', channel: 'email' });
  });

  it('refuses another key, an altered payload or signature, and junk', () => {
    const token = signUnsubscribeToken(SECRET, { customerId: 'c1', channel: 'sms' });
    const [payload, signature] = token.split('.') as [string, string];
    const other = Buffer.from('c2:sms').toString('base64url');
    expect(verifyUnsubscribeToken('another-secret-of-length', token)).toBeUndefined();
    expect(verifyUnsubscribeToken(SECRET, `${other}.${signature}`)).toBeUndefined();
    expect(verifyUnsubscribeToken(SECRET, `${payload}.${signature.slice(0, -2)}AA`)).toBeUndefined();
    expect(verifyUnsubscribeToken(SECRET, 'not-a-token')).toBeUndefined();
    expect(verifyUnsubscribeToken(SECRET, `${token}.extra`)).toBeUndefined();
  });
});
