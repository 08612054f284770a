import { ApplicationFailure } from '@temporalio/activity';
import { isNotificationSendError } from '../src/notifications/send-error.js';

/**
 * How a failed send ends its request now, shared by the first attempt and the later deliveries so both
 * classify alike: `failed` when an earlier step already refused it (an ApplicationFailure), `permanent`
 * when the provider's answer rules out a retry. Null when a later attempt may still succeed.
 */
export function endingFailure(
  error: unknown,
): { outcome: 'failed'; reason: string; failure: ApplicationFailure } | { outcome: 'permanent'; reason: string } | null {
  if (error instanceof ApplicationFailure) return { outcome: 'failed', reason: error.message, failure: error };
  if (isNotificationSendError(error) && error.kind === 'permanent') return { outcome: 'permanent', reason: `${error.reason}: ${error.message}` };
  return null;
}
