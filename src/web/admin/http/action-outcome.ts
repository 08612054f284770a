import type { Context } from 'hono';
import { ServiceError } from '../../../services/service-error.js';
import type { AdminPagesDeps } from '../admin-deps.js';

/** What a finished form says on the page it returns to (fixed texts: a link cannot make the page say anything else). */
export const DONE_TEXT: Record<string, string> = {
  polled: 'Poll requested: the carrier is asked now.',
  noted: 'Note added.',
  handled: 'Marked as handled.',
  rematched: 'Webhook re-matched and relayed.',
  discarded: 'Webhook discarded.',
  role: 'Role changed; their sessions were ended.',
  disabled: 'User disabled; their sessions were ended.',
  revoked: 'Key revoked.',
};

const ERROR_TEXT: Record<string, string> = {
  NOT_FOUND: 'Not found: it may have been removed meanwhile.',
  SHIPMENT_CLOSED: 'This shipment is no longer tracked.',
  NOT_ALLOWED: 'Your role may not do this.',
  TEMPORAL_UNAVAILABLE: 'The workflow service is unreachable right now; try again in a minute.',
  INVALID: 'That input was not accepted.',
  FAILED: 'That did not work; the error was logged.',
};

export const errorText = (code: string | undefined) => (code ? (ERROR_TEXT[code] ?? ERROR_TEXT.FAILED!) : undefined);
export const doneText = (key: string | undefined) => (key ? DONE_TEXT[key] : undefined);

/** The error's code for the page: a service's own code, `INVALID` for input errors, else `FAILED` (logged). */
export function errorCode(err: unknown, deps: AdminPagesDeps): string {
  if (err instanceof ServiceError) return err.code in ERROR_TEXT ? err.code : 'INVALID';
  if (err instanceof Error && /InputError$/.test(err.name)) return 'INVALID';
  if (err instanceof Error && /Forbidden|NotAllowed/i.test(err.name)) return 'NOT_ALLOWED';
  deps.logger?.warn('admin action failed', { err: err instanceof Error ? err.message : String(err) });
  return 'FAILED';
}

/** Runs a form's action, then 303 back to `back` with `done=` or `error=` (post/redirect/get). */
export async function actAndReturn(c: Context, deps: AdminPagesDeps, back: string, done: keyof typeof DONE_TEXT, run: () => Promise<unknown>): Promise<Response> {
  const sep = back.includes('?') ? '&' : '?';
  try {
    await run();
    return c.redirect(`${back}${sep}done=${done}`, 303);
  } catch (err) {
    return c.redirect(`${back}${sep}error=${errorCode(err, deps)}`, 303);
  }
}

/** A form field as trimmed text (at most `max` characters), '' when absent. */
export async function formText(c: Context, field: string, max = 500): Promise<string> {
  const form = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const raw = form[field];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** Every value of a repeated form field (checkboxes). */
export async function formList(c: Context, field: string): Promise<string[]> {
  const form = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const value = form[field];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}
