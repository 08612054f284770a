import type { VapidConfig } from './vapid-config.js';

/**
 * The line a process logs at start about web push: on (with the VAPID subject, never a key), or off and
 * what that means, so an unset VAPID_* is seen at start rather than guessed from skipped messages.
 */
export function pushStatusLine(vapid: VapidConfig | undefined): string {
  if (vapid) return `web push on (VAPID subject ${vapid.subject})`;
  return 'web push off: VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT are unset (no subscribe button on the tracking page; push messages end skipped)';
}
