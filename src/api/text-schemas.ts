import { z } from '@hono/zod-openapi';

/**
 * Characters no name, address or label legitimately holds: C0 controls other than tab and newline, DEL,
 * C1 controls, and lone UTF-16 surrogates (half a character, which a store silently turns into U+FFFD).
 * PostgreSQL under FerretDB refuses U+0000 outright; the others break e-mails, SMS and CSV exports later.
 */
// eslint-disable-next-line no-control-regex -- rejecting control characters is this pattern's job
const UNSAFE_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDFFF]/u;

/** Free text from a client: bounded, without control characters (see UNSAFE_TEXT); 400 names the field. */
export function safeText(max: number, min = 0) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !UNSAFE_TEXT.test(s), { message: 'must not contain control characters (tab and newline are allowed)' });
}
