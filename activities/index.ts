import type { DbConnection as Connection } from '../src/db/connection.js';
import type { AppConfig } from '../src/config/load-config.js';
import type { CarrierRegistry } from '../src/carriers/registry.js';
import { createCarrierRegistryFromConfig } from '../src/carriers/registry-from-config.js';
import { createAlertRepository } from '../src/db/alerts/repository.js';
import { createFeedbackRepository } from '../src/db/feedback/repository.js';
import { createNotificationRepository } from '../src/db/notifications/repository.js';
import { createOrderRepository } from '../src/db/orders/repository.js';
import { createProjectionRepository } from '../src/db/shipments/projection-repository.js';
import { createEtaOutcomeRepository } from '../src/db/eta-outcomes/repository.js';
import { createEtaRevisionRepository } from '../src/db/eta-revisions/repository.js';
import { etaServiceFromConfig } from '../src/eta/eta-from-config.js';
import type { EtaService } from '../ml/eta-service.js';
import { createEtaRevisions } from './eta.js';
import type { Logger } from '../src/observability/logger.js';
import { createCarrierActivities } from './carrier.js';
import { createProjectionActivities } from './projection.js';

export interface ActivityDeps {
  mongo: Connection;
  logger: Logger;
  config: AppConfig;
  /** Configured carriers; defaults to the ones whose credentials the config holds. */
  carriers?: CarrierRegistry;
  now?: () => Date;
  /** The worker's ETA service; default: one built from the config (ETA_*), loaded at start. */
  eta?: EtaService;
}

/** All activities of the worker, built from real dependencies (tests pass real local servers, not mocks). */
export function createActivities(deps: ActivityDeps) {
  const now = deps.now ?? (() => new Date());
  const orders = createOrderRepository(deps.mongo);
  return {
    ...createProjectionActivities({
      projections: createProjectionRepository(deps.mongo),
      notifications: createNotificationRepository(deps.mongo),
      alerts: createAlertRepository(deps.mongo),
      feedback: createFeedbackRepository(deps.mongo),
      logger: deps.logger,
      now,
      eta: createEtaRevisions({
        orders,
        revisions: createEtaRevisionRepository(deps.mongo),
        outcomes: createEtaOutcomeRepository(deps.mongo),
        eta: deps.eta ?? etaServiceFromConfig(deps.config, deps.logger),
        logger: deps.logger,
        now,
      }),
    }),
    ...createCarrierActivities({
      carriers: deps.carriers ?? createCarrierRegistryFromConfig(deps.config.carriers),
      orders,
      shipFrom: deps.config.shipFrom,
      logger: deps.logger,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
