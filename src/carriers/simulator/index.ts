export { manifest } from './manifest.js';
import type { TrackingUpdate } from '../../domain/tracking-event.js';
import type { CarrierAdapter, CreatedShipment } from '../carrier-adapter.js';
import { fillTrackingUrl } from '../tracking-url.js';
import { SIM_MAX_BATCH, SimulatorClient, simulatorTrackingUrlTemplate } from './client.js';
import { normalizeBody } from './normalize.js';
import { parseSimulatorWebhook, verifySimulatorWebhook } from './webhook.js';

export { SIM_API_KEY_HEADER, SIM_MAX_BATCH, SIMULATOR_DEFAULT_URL, SimulatorClient, simulatorTrackingUrlTemplate, type SimCreated, type SimulatorClientOptions } from './client.js';
export { mapSimEta, mapSimEvent, mapSimTracking } from './mapper.js';
export { mapSimWebhook, normalizeBody } from './normalize.js';
export { SIM_CODES, SIM_STATUS_CODES, isSimStatusCode, mapSimulatorCode, type SimStatusCode } from './status-map.js';
export {
  SIM_SIGNATURE_HEADER,
  SIM_SIGNATURE_TOLERANCE_MS,
  parseSimulatorWebhook,
  simulatorSignature,
  verifySimulatorWebhook,
} from './webhook.js';
export type { SimEventWire, SimTrackingWire, SimWebhookWire } from './schemas.js';

/** Settings for {@link createSimulatorAdapter}. */
export interface SimulatorAdapterOptions {
  /** Where the carrier simulator listens, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** The simulator's address as customers' browsers reach it (its public tracking pages); default `baseUrl`. */
  publicUrl?: string;
  apiKey: string;
  /** Secret the simulator signs webhooks with; without it every webhook is refused. */
  webhookSecret?: string;
  /** Request timeout (default 5 s). */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** The simulator adapter plus its client. */
export interface SimulatorAdapter extends CarrierAdapter {
  readonly client: SimulatorClient;
}

/**
 * The demo carrier (`npm run carrier-sim`): creates shipments, answers single and batch look-ups (an unknown
 * number is `notFound`, not an error) and sends `x-sim-signature` webhooks. Outages it is told to simulate
 * surface as `TransientCarrierError`, a bad API key as `PermanentCarrierError`.
 */
export function createSimulatorAdapter(options: SimulatorAdapterOptions): SimulatorAdapter {
  const client = new SimulatorClient(options);
  return {
    id: 'simulator',
    displayName: 'Demo Carrier',
    capabilities: { createShipment: true, webhooks: true, tracking: true, maxBatchSize: SIM_MAX_BATCH },
    client,
    trackingUrl: (trackingNumber) => fillTrackingUrl(simulatorTrackingUrlTemplate(options.publicUrl ?? options.baseUrl), trackingNumber),
    async track(trackingNumbers): Promise<TrackingUpdate[]> {
      if (trackingNumbers.length === 0) return [];
      const [only] = trackingNumbers;
      if (trackingNumbers.length === 1 && only !== undefined) return [await client.trackOne(only)];
      return client.trackBatch(trackingNumbers);
    },
    async createShipment(request): Promise<CreatedShipment> {
      const body = request.serviceLevel ? { orderCode: request.orderCode, serviceLevel: request.serviceLevel } : { orderCode: request.orderCode };
      const created = await client.createShipment(body);
      const out: CreatedShipment = { trackingNumber: created.trackingNumber, carrierShipmentId: created.shipmentId };
      if (created.eta) out.eta = created.eta;
      return out;
    },
    parseTracking: normalizeBody,
    verifyWebhook: (webhook) => verifySimulatorWebhook(webhook, options.webhookSecret),
    parseWebhook: parseSimulatorWebhook,
  };
}
