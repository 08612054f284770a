import type { EtaEstimate, EtaService } from '../../ml/eta-service.js';
import type { AppConfig } from '../config/load-config.js';
import type { EstimatedDelivery, EtaInputRecord } from '../db/orders/order-record.js';
import type { Logger } from '../observability/logger.js';
import { orderEtaInput, purchaseInput, type OrderForEta } from './order-eta-input.js';

/** An estimate as the order stores it: the promise at purchase is `promisedDate` and the first `arrivesBy`. */
export function estimateRecord(e: EtaEstimate): EstimatedDelivery {
  return {
    date: e.likely,
    earliest: e.low,
    latest: e.high,
    source: e.source,
    promisedDate: e.promise,
    arrivesBy: e.promise,
    modelVersion: e.modelVersion,
  };
}

/** What order intake stores with a new order: the ETA's input and its purchase-time estimate. */
export interface PurchaseEstimate {
  etaInput: EtaInputRecord;
  estimatedDelivery: EstimatedDelivery;
}

/** Estimates an order at placement; `undefined` (logged) when the ETA fails, so an order is never refused for it. */
export type PurchaseEstimator = (orderCode: string, order: OrderForEta) => PurchaseEstimate | undefined;

export function createPurchaseEstimator(service: EtaService, config: Pick<AppConfig, 'eta' | 'shipFrom'>, logger: Logger): PurchaseEstimator {
  return (orderCode, order) => {
    const etaInput = orderEtaInput(order, config);
    try {
      return { etaInput, estimatedDelivery: estimateRecord(service.predictAtPurchase(purchaseInput(etaInput, orderCode))) };
    } catch (err) {
      logger.warn('purchase-time ETA failed; the order is stored without one', { orderCode, err });
      return undefined;
    }
  };
}
