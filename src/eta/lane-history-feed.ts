import type { EtaService } from '../../ml/eta-service.js';
import { HISTORY_WINDOW_DAYS } from '../../ml/lane-history.js';
import type { EtaOutcomeRepository } from '../db/eta-outcomes/repository.js';
import { completedDelivery } from './delivered-from-db.js';

const DAY_MS = 86_400_000;
/** Outcomes recorded by a worker whose clock runs a little behind ours are still picked up. */
const CLOCK_SKEW_MS = 60_000;

/** Options of {@link createLaneHistoryFeed}. */
export interface LaneHistoryFeedOptions {
  service: Pick<EtaService, 'recordDelivery'>;
  outcomes: Pick<EtaOutcomeRepository, 'recentDeliveries'>;
  /** How far back deliveries are read (default the features' window + 1 day: deliveredAt may carry an offset). */
  windowDays?: number;
  /** Most outcomes read per query, the newest (default 20000). */
  cap?: number;
  /** Refresh period once started (default 5 minutes). */
  refreshMs?: number;
  now?: () => Date;
  log?: (line: string) => void;
}

/** Feeds a process's ETA lane history from `eta_outcomes`, the deliveries every worker records. */
export interface LaneHistoryFeed {
  /** Read the outcomes recorded since the last read (all of the window the first time); resolves to how many were new. */
  refresh(): Promise<number>;
  /** Refresh now, then every `refreshMs`, until {@link stop}. */
  start(): void;
  stop(): void;
}

/**
 * The API quotes at purchase and never sees a delivery; a worker sees only the ones it processes. This brings
 * every process the deliveries recorded by all of them. The service counts an order once (keyed by order code)
 * and only for purchases after its delivery, so overlapping reads and the worker's own feed are harmless.
 */
export function createLaneHistoryFeed(o: LaneHistoryFeedOptions): LaneHistoryFeed {
  const windowMs = (o.windowDays ?? HISTORY_WINDOW_DAYS + 1) * DAY_MS;
  const cap = o.cap ?? 20_000;
  const now = o.now ?? (() => new Date());
  const log = o.log ?? (() => {});
  let lastReadAt: Date | undefined;
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const read = async (): Promise<number> => {
    const started = now();
    const rows = await o.outcomes.recentDeliveries({
      deliveredAfter: new Date(started.getTime() - windowMs).toISOString(),
      ...(lastReadAt ? { recordedSince: new Date(lastReadAt.getTime() - CLOCK_SKEW_MS) } : {}),
      limit: cap,
    });
    let added = 0;
    // Oldest first, the order the history expects.
    for (const row of rows.reverse()) if (o.service.recordDelivery(completedDelivery(row))) added += 1;
    lastReadAt = started;
    if (added > 0) log(`eta: lane history fed ${added} deliveries from eta_outcomes`);
    return added;
  };

  const refresh = () => {
    // One read at a time: a refresh asked for while one runs shares it.
    running ??= read().finally(() => {
      running = undefined;
    });
    return running;
  };

  const safeRefresh = () => {
    refresh().catch((err: unknown) => log(`eta: could not read eta_outcomes for the lane history: ${err instanceof Error ? err.message : String(err)}`));
  };

  return {
    refresh,
    start() {
      safeRefresh();
      timer ??= setInterval(safeRefresh, o.refreshMs ?? 5 * 60_000);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
