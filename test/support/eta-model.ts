import { parseDeliveryCsv } from '../../ml/delivery-csv.js';
import type { EtaArtifact } from '../../ml/artifact.js';
import { demoCsv } from '../../ml/demo-history.js';
import type { CompletedDelivery, PurchaseInput } from '../../ml/purchase-input.js';
import { DEFAULT_NET_OPTIONS } from '../../ml/quantile-net.js';
import { trainEta } from '../../ml/train.js';

/**
 * The lane the ETA tests quote: New York → Texas by UPS Ground, a customer in Chicago. Spread it into a
 * purchase with its own `purchasedAt`.
 */
export const NY_TO_TX_BY_UPS_GROUND = {
  customerTimeZone: 'America/Chicago',
  shopTimeZone: 'America/New_York',
  originCountry: 'US',
  originRegion: 'NY',
  destinationCountry: 'US',
  destinationRegion: 'TX',
  carrier: 'ups',
  serviceLevel: 'Ground',
} as const satisfies Partial<PurchaseInput>;

/** The delivered rows of a seeded synthetic history (ml/demo-history.ts), as training takes them. */
export function demoDeliveries(options: { count: number; seed: number; start?: string; days?: number }): CompletedDelivery[] {
  return parseDeliveryCsv(demoCsv(options)).flatMap((r) => (r.delivery ? [r.delivery] : []));
}

/**
 * A small model to serve in tests: 1,200 seeded orders over 180 days, 8 epochs on the wasm backend (give
 * the hook that trains it a long timeout). It serves; whether training converges is training.test.ts's.
 */
export function trainSmallDemoModel(version: string): Promise<EtaArtifact> {
  return trainEta(demoDeliveries({ count: 1200, seed: 5, start: '2024-09-02', days: 180 }), {
    backend: 'wasm',
    net: { ...DEFAULT_NET_OPTIONS, epochs: 8 },
    version,
  });
}
