import type { CarrierEnv } from '../config/carrier-env.js';
import { CARRIER_MANIFESTS } from './all.js';
import type { CarrierAdapter } from './carrier-adapter.js';
import { createCarrierRegistry, type CarrierRegistry } from './registry.js';

/** Builds the adapters of every carrier whose credentials are configured; others stay absent. */
export function createCarrierRegistryFromConfig(env: CarrierEnv): CarrierRegistry {
  const adapters = CARRIER_MANIFESTS.flatMap((manifest): CarrierAdapter[] => {
    const adapter = manifest.createAdapter(env);
    return adapter ? [adapter] : [];
  });
  return createCarrierRegistry(adapters);
}
