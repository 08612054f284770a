import { createInProcessRelay } from './in-process-relay.js';
import type { WebhookRelay, WebhookRelayDeps } from './relay-types.js';
import type { RelayThreadData } from './thread/messages.js';
import { createThreadedRelay } from './thread/threaded-relay.js';

/** Where the relay runs: in this thread, or (`thread`) in a worker thread on connections of its own. */
export interface CreateRelayOptions extends WebhookRelayDeps {
  /**
   * Run the relay in a worker thread of this process, opened with these addresses and settings: its
   * look-ups, signals and receipts then leave the event loop that answers carriers. The process keeps the
   * intake and the leases (`inbox`); the thread builds its own relay with this same function.
   */
  thread?: Omit<RelayThreadData, 'leaseOwner'>;
}

/** The one way a webhook relay is built, by the API process and by the relay thread alike. */
export function createRelay(options: CreateRelayOptions): WebhookRelay {
  const { thread, ...deps } = options;
  if (thread) return createThreadedRelay({ inbox: deps.inbox, logger: deps.logger, data: thread });
  return createInProcessRelay(deps);
}
