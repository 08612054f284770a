import { createHash, timingSafeEqual } from 'node:crypto';
import type { LookupSubject } from '../tracking-page-queries.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** E-mail: trimmed, lower case. Postal code: upper case without spaces or dashes ("sw1a 1aa" = "SW1A1AA"). */
export const normalizeEmail = (s: string) => s.trim().toLowerCase();
export const normalizePostal = (s: string) => s.toUpperCase().replace(/[\s-]/g, '');

// Compared against when there is no order, so a miss does the same work as a wrong answer.
const NOBODY: LookupSubject = { orderCode: '', email: 'nobody@invalid.', postalCode: '\u0000' };

/**
 * Whether the visitor's proof (e-mail or postal code) belongs to the order. Both candidates are always
 * compared, by fixed-length digests in constant time, whether or not the order exists: the answer's
 * timing says nothing about which part was wrong.
 */
export function proofMatches(subject: LookupSubject | null, proof: string): boolean {
  const s = subject ?? NOBODY;
  const given = digest(proof.includes('@') ? `e:${normalizeEmail(proof)}` : `p:${normalizePostal(proof)}`);
  const email = digest(`e:${normalizeEmail(s.email ?? '\u0000')}`);
  const postal = digest(`p:${normalizePostal(s.postalCode ?? '\u0000')}`);
  const byEmail = timingSafeEqual(given, email);
  const byPostal = timingSafeEqual(given, postal);
  return subject !== null && (byEmail || byPostal);
}
