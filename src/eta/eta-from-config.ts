import { createEtaService, type EtaService } from '../../ml/eta-service.js';
import type { AppConfig } from '../config/load-config.js';
import type { Logger } from '../observability/logger.js';

/**
 * The process's one ETA service (API and worker each build one at start): it loads the current model from
 * ETA_MODEL_DIR and looks for a newer one every few seconds, so a retrained model serves without restart.
 */
export function etaServiceFromConfig(config: AppConfig, logger: Logger): EtaService {
  const service = createEtaService({
    ...(config.eta.modelDir ? { modelDir: config.eta.modelDir } : {}),
    minDeliveries: config.eta.minDeliveries,
    cutoffHour: config.eta.cutoffHour,
    log: (line) => logger.info(line),
  });
  logger.info('eta service', { ...service.status() });
  return service;
}
