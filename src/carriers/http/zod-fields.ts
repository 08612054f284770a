import { z } from 'zod';

/**
 * Zod leaves shared by the carriers' body schemas. Carriers send numbers where text is documented and
 * nulls or blanks for absent values; one odd leaf must never cost a whole response.
 */

/** Text or number as trimmed text; null, missing or blank → undefined (aggregator webhooks). */
export const trimmedText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => {
    if (value === null || value === undefined) return undefined;
    const trimmed = String(value).trim();
    return trimmed === '' ? undefined : trimmed;
  });

/** Text or number as text, kept as sent; anything else (or missing) → undefined instead of a failure. */
export const lenientText = z
  .union([z.string(), z.number()])
  .transform((value) => String(value))
  .optional()
  .catch(undefined);

/** An optional array that falls back to undefined when it is not an array. */
export const lenientList = <T extends z.ZodType>(item: T) => z.array(item).optional().catch(undefined);

/** An optional value that falls back to undefined when it does not fit. */
export const lenientOptional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** Environment text: trimmed, blank → undefined (an empty variable means "not set"). */
export const envText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim().length > 0 ? v.trim() : undefined));

/** Environment URL, optional. */
export const envUrl = z.url().optional();
