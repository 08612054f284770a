import type { z } from 'zod';
import { WebhookPayloadError } from './errors.js';

/** Parses a raw body as JSON, turning syntax errors into a `WebhookPayloadError`. */
export function parseJsonBody(body: Buffer | string): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WebhookPayloadError('body is not valid JSON');
  }
}

/**
 * Validates a value against a zod schema, naming the first few offending paths in the error so an operator
 * reading the 400 (or the log) can see what the provider changed.
 */
export function parseWithSchema<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new WebhookPayloadError(`${what}: ${issues}`);
}
