import { createHmac, timingSafeEqual } from 'node:crypto';

/** One signing key; `id` travels in the token so verifiers know which secret to check against. */
export interface LinkKey {
  id: string;
  secret: string;
}

/** Why a token was refused; pages show the same friendly re-entry form for all of them. */
export type TokenRejection = 'malformed' | 'unknown_key' | 'bad_signature' | 'expired';

export type VerifyResult<T> = { ok: true; claims: T; expiresAt: number } | { ok: false; reason: TokenRejection };

/**
 * Purpose strings are mixed into the MAC so a token minted for one use (a tracking link) never
 * verifies as another (a customer's "My Orders" token), even under the same key.
 */
export type TokenPurpose = 'track' | 'customer';

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
// 16 bytes of HMAC-SHA256 (128 bits) keep links short while leaving forgery out of reach.
const MAC_BYTES = 16;

function mac(purpose: TokenPurpose, keySecret: string, kid: string, payload: string): Buffer {
  return createHmac('sha256', keySecret).update(`${purpose}.${kid}.${payload}`).digest().subarray(0, MAC_BYTES);
}

/**
 * Signs `claims` with the FIRST key of the list: `<kid>.<base64url(JSON{c,e})>.<base64url(mac)>`.
 * `expiresAt` is epoch ms; stored in seconds.
 */
export function signToken<T>(purpose: TokenPurpose, keys: readonly LinkKey[], claims: T, expiresAt: number): string {
  const key = keys[0];
  if (!key) throw new Error('no link signing key configured');
  if (!KEY_ID.test(key.id)) throw new Error('link key ids are 1-16 characters of [A-Za-z0-9_-]');
  const payload = Buffer.from(JSON.stringify({ c: claims, e: Math.floor(expiresAt / 1000) })).toString('base64url');
  return `${key.id}.${payload}.${mac(purpose, key.secret, key.id, payload).toString('base64url')}`;
}

/**
 * Verifies against ANY key of the list (rotation: add the new key first, keep the old ones until the
 * links they signed have expired). The signature is checked before the payload is parsed or trusted.
 */
export function verifyToken<T>(
  purpose: TokenPurpose,
  keys: readonly LinkKey[],
  token: string,
  now: number,
  isClaims: (value: unknown) => value is T,
): VerifyResult<T> {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [kid, payload, sig] = parts as [string, string, string];
  const key = keys.find((k) => k.id === kid);
  if (!key) return { ok: false, reason: 'unknown_key' };
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(purpose, key.secret, kid, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { c, e } = (body ?? {}) as { c?: unknown; e?: unknown };
  if (typeof e !== 'number' || !isClaims(c)) return { ok: false, reason: 'malformed' };
  if (e * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: c, expiresAt: e * 1000 };
}
