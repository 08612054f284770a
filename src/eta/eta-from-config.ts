import { createEtaService, type EtaService } from '../../ml/eta-service.js';
import type { AppConfig } from '../config/load-config.js';
import type { EtaOutcomeRepository } from '../db/eta-outcomes/repository.js';
import type { Logger } from '../observability/logger.js';
import { createLaneHistoryFeed, type LaneHistoryFeed } from './lane-history-feed.js';

/**
 * The process's one ETA service (API and worker each build one at start): it loads the current model from
 * ETA_MODEL_DIR and looks for a newer one every few seconds, so a retrained model serves without restart.
 * Given the process's outcome repository (`createEtaOutcomeRepository(mongo)`), its lane history is also fed from `eta_outcomes` (the deliveries
 * every worker records) at start, every few minutes and when a new model is loaded, until the connection
 * closes; without one it learns only from the deliveries this process records.
 */
export function etaServiceFromConfig(
  config: AppConfig,
  logger: Logger,
  outcomes?: Pick<EtaOutcomeRepository, 'recentDeliveries' | 'onConnectionClose'>,
): EtaService {
  let feed: LaneHistoryFeed | undefined;
  const log = (line: string) => logger.info(line);
  const service = createEtaService({
    ...(config.eta.modelDir ? { modelDir: config.eta.modelDir } : {}),
    minDeliveries: config.eta.minDeliveries,
    cutoffHour: config.eta.cutoffHour,
    log,
    // A new model starts from its snapshot; the service replays what it remembers, and this reads what is newer.
    onModelLoaded: () => feed?.start(),
  });
  if (outcomes) {
    feed = createLaneHistoryFeed({ service, outcomes, log });
    outcomes.onConnectionClose(() => {
      feed?.stop();
      feed = undefined;
    });
    feed.start();
  }
  logger.info('eta service', { ...service.status() });
  return service;
}
