import { z } from 'zod';

const text = z
  .string()
  .optional()
  .transform((v) => (v && v.trim().length > 0 ? v.trim() : undefined));
const url = z.url().optional();

/**
 * Per-merchant carrier credentials. A carrier is enabled when its required credentials are set; base URLs
 * default to production and point at the carrier simulator (or a carrier's sandbox) when overridden.
 */
export const carrierEnvShape = {
  CARRIER_SIMULATOR_URL: url,
  CARRIER_SIMULATOR_API_KEY: text,
  CARRIER_SIMULATOR_WEBHOOK_SECRET: text,
  UPS_CLIENT_ID: text,
  UPS_CLIENT_SECRET: text,
  UPS_MERCHANT_ID: text,
  UPS_WEBHOOK_CREDENTIAL: text,
  UPS_BASE_URL: url,
  FEDEX_CLIENT_ID: text,
  FEDEX_CLIENT_SECRET: text,
  FEDEX_BASE_URL: url,
  USPS_CLIENT_ID: text,
  USPS_CLIENT_SECRET: text,
  USPS_BASE_URL: url,
  DHL_API_KEY: text,
  DHL_SERVICE: text,
  DHL_BASE_URL: url,
  CANADAPOST_USERNAME: text,
  CANADAPOST_PASSWORD: text,
  CANADAPOST_BASE_URL: url,
  EASYPOST_API_KEY: text,
  EASYPOST_WEBHOOK_SECRET: text,
  EASYPOST_BASE_URL: url,
  AFTERSHIP_API_KEY: text,
  AFTERSHIP_WEBHOOK_SECRET: text,
  AFTERSHIP_BASE_URL: url,
  SHIPPO_API_TOKEN: text,
  SHIPPO_WEBHOOK_TOKEN: text,
  SHIPPO_BASE_URL: url,
};

export type CarrierEnv = { [K in keyof typeof carrierEnvShape]: z.output<(typeof carrierEnvShape)[K]> };
