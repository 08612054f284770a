import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits as base64url (43 characters). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Constant-time comparison of two strings of any length: both sides are hashed first, so the time
 * depends on neither the position of the first difference nor the expected value's length.
 */
export function safeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}
