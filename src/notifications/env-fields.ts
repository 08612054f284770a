import { z } from 'zod';

/** Blank means unset, so `FOO=` in an env file does not count as configured. */
export const optionalText = z
  .string()
  .optional()
  .transform((text) => (text && text.trim().length > 0 ? text.trim() : undefined));

export const optionalUrl = optionalText.pipe(z.url().optional());

export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes'));

/** Comma-separated list; blanks dropped. */
export const textList = z
  .string()
  .optional()
  .transform((text) => (text ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0));

/** The parsed values of an env shape fragment. */
export type EnvOf<S extends z.ZodRawShape> = z.output<z.ZodObject<S>>;

/** A channel whose variables are half set is a configuration error, not a silently disabled channel. */
export class ChannelConfigError extends Error {
  override readonly name = 'ChannelConfigError';
}
