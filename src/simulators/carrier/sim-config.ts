import { z } from 'zod';
import { CARRIER_IDS, type CarrierId } from '../../carriers/carrier-adapter.js';
import { SCENARIO_NAMES } from './scenarios/index.js';
import type { StartCarrierSimOptions } from './start-carrier-sim.js';
import type { WebhookTargets } from './webhook-dispatch.js';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * The carrier simulator's own environment (`npm run carrier-sim`). Kept apart from the app's config: the
 * simulator is a separate process standing in for the carriers, not part of the service.
 */
export const carrierSimEnvSchema = z.object({
  CARRIER_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  CARRIER_SIM_HOST: z.string().min(1).default('127.0.0.1'),
  CARRIER_SIM_API_KEY: z.string().trim().min(1, 'Required (key for /simulator and /control, header x-sim-api-key)'),
  /** 1 = real time; 10080 = one week per minute. */
  CARRIER_SIM_TIME_SCALE: z.coerce.number().positive().default(1),
  CARRIER_SIM_SEED: z.coerce.number().int().default(1),
  CARRIER_SIM_SCENARIO: z.enum([...SCENARIO_NAMES, 'mixed']).default('happy_path'),
  CARRIER_SIM_AUTO_REGISTER: flag,
  /** Base URL of the app's webhook routes; each format posts to `<base>/<carrier>`. */
  CARRIER_SIM_WEBHOOK_BASE_URL: z.url().optional(),
  CARRIER_SIM_WEBHOOK_SECRET: z.string().trim().min(1).optional(),
  /** Formats to push webhooks for (comma-separated carrier ids). */
  CARRIER_SIM_WEBHOOK_CARRIERS: z
    .string()
    .default('simulator')
    .transform((text) => text.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
    .pipe(z.array(z.enum(CARRIER_IDS))),
});

/** Options for `startCarrierSim` from an environment (pass `process.env`; only src/bin reads it). */
export function parseCarrierSimConfig(env: Record<string, string | undefined>): StartCarrierSimOptions {
  const parsed = carrierSimEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid carrier simulator configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const webhookTargets: WebhookTargets = {};
  if (e.CARRIER_SIM_WEBHOOK_BASE_URL) {
    const base = e.CARRIER_SIM_WEBHOOK_BASE_URL.replace(/\/+$/, '');
    for (const carrier of e.CARRIER_SIM_WEBHOOK_CARRIERS as CarrierId[]) {
      webhookTargets[carrier] = { url: `${base}/${carrier}`, format: carrier, ...(e.CARRIER_SIM_WEBHOOK_SECRET ? { secret: e.CARRIER_SIM_WEBHOOK_SECRET } : {}) };
    }
  }
  return {
    port: e.CARRIER_SIM_PORT,
    host: e.CARRIER_SIM_HOST,
    apiKey: e.CARRIER_SIM_API_KEY,
    timeScale: e.CARRIER_SIM_TIME_SCALE,
    seed: e.CARRIER_SIM_SEED,
    defaultScenario: e.CARRIER_SIM_SCENARIO,
    autoRegister: e.CARRIER_SIM_AUTO_REGISTER,
    webhookTargets,
  };
}
