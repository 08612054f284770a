import type { CarrierAdapter, CarrierId } from './carrier-adapter.js';

/** The carriers this installation has configured, by id. Activities and webhooks look adapters up here. */
export interface CarrierRegistry {
  get(id: string): CarrierAdapter | undefined;
  list(): CarrierAdapter[];
}

export function createCarrierRegistry(adapters: CarrierAdapter[]): CarrierRegistry {
  const byId = new Map<CarrierId | string, CarrierAdapter>(adapters.map((a) => [a.id, a]));
  return {
    get: (id) => byId.get(id),
    list: () => [...byId.values()],
  };
}
