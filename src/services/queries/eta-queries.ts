import type { EtaService, EtaServiceStatus } from '../../../ml/eta-service.js';
import type { EtaAccuracy, EtaOutcomeRepository } from '../../db/eta-outcomes/repository.js';
import type { EtaRevisionRecord, EtaRevisionRepository } from '../../db/eta-revisions/repository.js';

/** What the admin side reads about the ETA: which model serves, accuracy in production, an order's date changes. */
export interface EtaQueries {
  /** Accuracy of delivered orders per carrier or lane (optionally only those delivered since an instant). */
  accuracy(by: 'carrier' | 'lane', since?: string): Promise<{ by: 'carrier' | 'lane'; serving: EtaServiceStatus; groups: EtaAccuracy[] }>;
  /** An order's date changes with their reasons, oldest first. */
  revisions(orderCode: string): Promise<EtaRevisionRecord[]>;
}

export function createEtaQueries(deps: { eta: EtaService; outcomes: EtaOutcomeRepository; revisions: EtaRevisionRepository }): EtaQueries {
  return {
    async accuracy(by, since) {
      return { by, serving: deps.eta.status(), groups: await deps.outcomes.accuracyBy(by, since ? { since } : {}) };
    },
    revisions: (orderCode) => deps.revisions.listForOrder(orderCode),
  };
}
