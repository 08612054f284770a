import type { CarrierEnv } from '../config/carrier-env.js';
import { createAfterShipAdapter } from './aftership/index.js';
import { createCanadaPostAdapter } from './canadapost/index.js';
import type { CarrierAdapter } from './carrier-adapter.js';
import { createDhlAdapter } from './dhl/index.js';
import { createEasyPostAdapter } from './easypost/index.js';
import { createFedexAdapter } from './fedex/index.js';
import { createCarrierRegistry, type CarrierRegistry } from './registry.js';
import { createShippoAdapter } from './shippo/index.js';
import { createSimulatorAdapter } from './simulator/index.js';
import { createUpsAdapter } from './ups/index.js';
import { createUspsAdapter } from './usps/index.js';

const opt = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** Builds the adapters of every carrier whose credentials are configured; others stay absent. */
export function createCarrierRegistryFromConfig(env: CarrierEnv): CarrierRegistry {
  const adapters: CarrierAdapter[] = [];
  if (env.CARRIER_SIMULATOR_URL && env.CARRIER_SIMULATOR_API_KEY) {
    adapters.push(
      createSimulatorAdapter({
        baseUrl: env.CARRIER_SIMULATOR_URL,
        apiKey: env.CARRIER_SIMULATOR_API_KEY,
        ...opt('webhookSecret', env.CARRIER_SIMULATOR_WEBHOOK_SECRET),
      }),
    );
  }
  if (env.UPS_CLIENT_ID && env.UPS_CLIENT_SECRET) {
    adapters.push(
      createUpsAdapter({
        clientId: env.UPS_CLIENT_ID,
        clientSecret: env.UPS_CLIENT_SECRET,
        ...opt('baseUrl', env.UPS_BASE_URL),
        ...opt('merchantId', env.UPS_MERCHANT_ID),
        ...opt('webhookCredential', env.UPS_WEBHOOK_CREDENTIAL),
      }),
    );
  }
  if (env.FEDEX_CLIENT_ID && env.FEDEX_CLIENT_SECRET) {
    adapters.push(createFedexAdapter({ clientId: env.FEDEX_CLIENT_ID, clientSecret: env.FEDEX_CLIENT_SECRET, ...opt('baseUrl', env.FEDEX_BASE_URL) }));
  }
  if (env.USPS_CLIENT_ID && env.USPS_CLIENT_SECRET) {
    adapters.push(createUspsAdapter({ clientId: env.USPS_CLIENT_ID, clientSecret: env.USPS_CLIENT_SECRET, ...opt('baseUrl', env.USPS_BASE_URL) }));
  }
  if (env.DHL_API_KEY) {
    adapters.push(createDhlAdapter({ apiKey: env.DHL_API_KEY, ...opt('baseUrl', env.DHL_BASE_URL), ...opt('service', env.DHL_SERVICE) }));
  }
  if (env.CANADAPOST_USERNAME && env.CANADAPOST_PASSWORD) {
    adapters.push(
      createCanadaPostAdapter({ username: env.CANADAPOST_USERNAME, password: env.CANADAPOST_PASSWORD, ...opt('baseUrl', env.CANADAPOST_BASE_URL) }),
    );
  }
  if (env.EASYPOST_API_KEY) {
    adapters.push(
      createEasyPostAdapter({ apiKey: env.EASYPOST_API_KEY, ...opt('webhookSecret', env.EASYPOST_WEBHOOK_SECRET), ...opt('baseUrl', env.EASYPOST_BASE_URL) }),
    );
  }
  if (env.AFTERSHIP_API_KEY) {
    adapters.push(
      createAfterShipAdapter({ apiKey: env.AFTERSHIP_API_KEY, ...opt('webhookSecret', env.AFTERSHIP_WEBHOOK_SECRET), ...opt('baseUrl', env.AFTERSHIP_BASE_URL) }),
    );
  }
  if (env.SHIPPO_API_TOKEN) {
    adapters.push(
      createShippoAdapter({ apiToken: env.SHIPPO_API_TOKEN, ...opt('webhookToken', env.SHIPPO_WEBHOOK_TOKEN), ...opt('baseUrl', env.SHIPPO_BASE_URL) }),
    );
  }
  return createCarrierRegistry(adapters);
}
