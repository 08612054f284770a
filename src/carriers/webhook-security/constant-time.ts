import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets (signatures, tokens) without leaking where they differ or how long they are.
 *
 * Both sides are hashed to SHA-256 first: `timingSafeEqual` throws on buffers of different lengths, and an
 * early length check would itself tell an attacker the expected length. Digests are always 32 bytes.
 */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}
