import type { CompletedDelivery } from '../../ml/purchase-input.js';
import { connectMongo } from '../db/connection.js';
import { createEtaOutcomeRepository, type EtaOutcomeRecord } from '../db/eta-outcomes/repository.js';
import { purchaseInput } from './order-eta-input.js';

/**
 * A delivered order as a training row: the ETA input stored at purchase (purchase-time fields only, so
 * nothing known later leaks into the features), when it was delivered, and when the carrier took it.
 */
export function completedDelivery(o: Pick<EtaOutcomeRecord, 'orderCode' | 'input' | 'deliveredAt' | 'handedOverAt'>): CompletedDelivery {
  return { input: purchaseInput(o.input, o.orderCode), deliveredAt: o.deliveredAt, ...(o.handedOverAt ? { handedOverAt: o.handedOverAt } : {}) };
}

/** Every delivered order recorded in MongoDB (eta_outcomes), oldest delivery first: `train:eta --from-db`. */
export async function deliveredFromDb(uri: string): Promise<CompletedDelivery[]> {
  const mongo = await connectMongo(uri);
  try {
    return (await createEtaOutcomeRepository(mongo).listDelivered()).map(completedDelivery);
  } finally {
    await mongo.close();
  }
}
