import { createHash } from 'node:crypto';

/**
 * A Message-ID from the idempotency key: `<sha256(key) hex@domain>`. A retry of the same notification sends
 * the same id, so the crash window between "SMTP accepted" and "recorded as sent" yields a message that
 * threads with (and at many providers is collapsed into) the first copy, and our log can match the two.
 */
export function messageIdFor(key: string, domain: string): string {
  return `<${createHash('sha256').update(key, 'utf8').digest('hex')}@${domain}>`;
}
