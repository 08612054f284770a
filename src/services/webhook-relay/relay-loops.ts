import type { Logger } from '../../observability/logger.js';
import type { Services } from '../services.js';

/** How often the API retries starting workflows for orders accepted while Temporal was down. */
export const PENDING_START_INTERVAL_MS = 5_000;
/**
 * How often the API sweeps the webhook inbox for entries whose relay failed or whose lease expired. Fresh
 * webhooks do not wait for it (they are relayed as soon as they are stored); a retry is due 1 s to 1 min
 * after a failure, so a sweep every 2 s keeps retries prompt without scanning the inbox all the time.
 */
export const WEBHOOK_SWEEP_INTERVAL_MS = 2_000;
/** How often the API deletes the settled webhooks past their retention (an hour's worth each time). */
export const INBOX_RETENTION_INTERVAL_MS = 3_600_000;
/** How often owed SMS failovers (reported undelivered while Temporal was unreachable) are retried. */
export const OWED_FAILOVER_INTERVAL_MS = 15_000;
/**
 * The first retention run, after start: soon, or a process restarted more often than hourly (deploys, a
 * crash loop) would never run it; not at once, so a start does not add a scan of the inbox to its own work.
 */
export const INBOX_RETENTION_FIRST_RUN_MS = 60_000;

/**
 * Runs `task` again `intervalMs` after each run ends, never two at once (a slow sweep on a large inbox
 * must not pile up behind itself the way a plain setInterval would).
 */
export function repeat(name: string, intervalMs: number, task: () => Promise<unknown>, logger: Logger, firstRunMs = intervalMs) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const schedule = (delayMs = intervalMs) => {
    if (!stopped) timer = setTimeout(tick, delayMs);
  };
  const tick = () => {
    running = task()
      .then(
        () => undefined,
        (err: unknown) => logger.warn(`${name} failed`, { err }),
      )
      .finally(() => schedule());
  };
  schedule(firstRunMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/**
 * The API's background relays: orders and webhooks accepted while Temporal was unreachable (or by an API
 * process that died before relaying them) are delivered once it is back. Returns a stop function.
 */
export function startRelayLoops(
  services: Pick<Services, 'workflowStarter' | 'webhookRelay' | 'webhookInbox' | 'inboxRetention' | 'notificationCallbacks'>,
  logger: Logger,
  options: { inboxRetentionMs: number; now?: () => Date; retentionIntervalMs?: number; retentionFirstRunMs?: number },
): () => Promise<void> {
  const now = options.now ?? (() => new Date());
  const purge = async () => {
    const deleted = await services.inboxRetention.purgeSettled(new Date(now().getTime() - options.inboxRetentionMs));
    if (deleted > 0) logger.info('webhook inbox retention: settled entries deleted', { deleted, retentionMs: options.inboxRetentionMs });
  };
  const stops = [
    repeat('pending workflow start sweep', PENDING_START_INTERVAL_MS, () => services.workflowStarter.startPending(), logger),
    repeat('webhook relay sweep', WEBHOOK_SWEEP_INTERVAL_MS, () => services.webhookRelay.sweep(), logger),
    repeat('owed SMS failover sweep', OWED_FAILOVER_INTERVAL_MS, () => services.notificationCallbacks.startOwedFailovers(), logger),
    // This process's relay leases: deleted once their entries are all relayed (two writes per 10 s bucket
    // in all), extended while a relay that is behind still owes theirs (one write per lease per 15 s).
    repeat('webhook relay lease upkeep', WEBHOOK_SWEEP_INTERVAL_MS, async () => {
      await services.webhookInbox.releaseLeases();
      await services.webhookInbox.renewLeases((id) => services.webhookRelay.owes(id));
    }, logger),
    repeat('webhook inbox retention', options.retentionIntervalMs ?? INBOX_RETENTION_INTERVAL_MS, purge, logger, options.retentionFirstRunMs ?? INBOX_RETENTION_FIRST_RUN_MS),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
    await services.webhookRelay.idle();
    await services.webhookRelay.close();
    await services.webhookInbox.releaseLeases(true);
  };
}
