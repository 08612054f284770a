import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from '../../../src/web/links/signed-token.js';
import { signCustomerToken, signTrackingToken, verifyCustomerToken, verifyTrackingToken, type LinkSettings } from '../../../src/web/links/tracking-links.js';

const k1 = { id: 'k1', secret: 'first-secret-0123456789-0123456789' };
const k2 = { id: 'k2', secret: 'second-secret-0123456789-012345678' };
const DAY = 86_400_000;
const now = Date.parse('2026-12-06T12:00:00Z');
const settings = (keys = [k1]): LinkSettings => ({ keys, customerKeys: keys, trackingLinkTtlMs: 30 * DAY });
const isObj = (v: unknown): v is { o: string } => typeof v === 'object' && v !== null && typeof (v as { o?: unknown }).o === 'string';

describe('secure tracking links', () => {
  it('a signed link opens its order until its expiry (30 days by default) and not after', () => {
    const token = signTrackingToken(settings(), 'ORD-1', now);
    expect(token).toMatch(/^k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(verifyTrackingToken(settings(), token, now + 29 * DAY)).toEqual({ ok: true, claims: { o: 'ORD-1' }, expiresAt: now + 30 * DAY });
    expect(verifyTrackingToken(settings(), token, now + 30 * DAY)).toEqual({ ok: false, reason: 'expired' });
  });

  it('the lifetime is configurable', () => {
    const token = signTrackingToken({ ...settings(), trackingLinkTtlMs: DAY }, 'ORD-1', now);
    expect(verifyTrackingToken(settings(), token, now + 2 * DAY)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a changed payload, signature, or key id is refused', () => {
    const token = signTrackingToken(settings(), 'ORD-1', now);
    const [kid, payload, sig] = token.split('.') as [string, string, string];
    const otherPayload = Buffer.from(JSON.stringify({ c: { o: 'ORD-2' }, e: Math.floor(now / 1000) + 3600 })).toString('base64url');
    expect(verifyTrackingToken(settings(), `${kid}.${otherPayload}.${sig}`, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const flipped = sig.slice(0, -2) + (sig.at(-2) === 'A' ? 'B' : 'A') + sig.at(-1);
    expect(verifyTrackingToken(settings(), `${kid}.${payload}.${flipped}`, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyTrackingToken(settings(), `zz.${payload}.${sig}`, now)).toEqual({ ok: false, reason: 'unknown_key' });
    expect(verifyTrackingToken(settings(), 'not-a-token', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyTrackingToken(settings(), `${kid}.${payload}`, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rotation: the first key signs, every listed key verifies, a removed key no longer does', () => {
    const old = signTrackingToken(settings([k1]), 'ORD-1', now);
    const rotated = settings([k2, k1]);
    const fresh = signTrackingToken(rotated, 'ORD-1', now);
    expect(fresh.startsWith('k2.')).toBe(true);
    expect(verifyTrackingToken(rotated, old, now).ok).toBe(true);
    expect(verifyTrackingToken(rotated, fresh, now).ok).toBe(true);
    expect(verifyTrackingToken(settings([k2]), old, now)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('a customer token never opens a tracking link and vice versa (purpose is signed)', () => {
    const customer = signCustomerToken(settings(), 'cust-1', now + DAY);
    expect(verifyCustomerToken(settings(), customer, now)).toMatchObject({ ok: true, claims: { u: 'cust-1' } });
    expect(verifyTrackingToken(settings(), customer, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyCustomerToken(settings(), signTrackingToken(settings(), 'ORD-1', now), now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('claims of the wrong shape are refused even when correctly signed', () => {
    const token = signToken('track', [k1], { x: 1 }, now + DAY);
    expect(verifyToken('track', [k1], token, now, isObj)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses to sign without a key or with an unusable key id', () => {
    expect(() => signToken('track', [], { o: 'x' }, now)).toThrow(/no link signing key/);
    expect(() => signToken('track', [{ id: 'a.b', secret: 's' }], { o: 'x' }, now)).toThrow(/key ids/);
  });
});
