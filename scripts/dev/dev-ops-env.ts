/** Stall threshold in carrier time, as production has it (STALL_THRESHOLD's default). */
const CARRIER_STALL_HOURS = 72;

/**
 * The stall threshold in real time for a carrier clock running `carrierTimeScale` times faster (the dev
 * simulator's x1440: 72 h of carrier time = 180 s), so the lost-parcel demo order raises its alert within
 * minutes. Whole seconds, at least one.
 */
export function devStallThreshold(carrierTimeScale: number): string {
  const scale = Number.isFinite(carrierTimeScale) && carrierTimeScale > 0 ? carrierTimeScale : 1;
  return `${Math.max(1, Math.round((CARRIER_STALL_HOURS * 3600) / scale))}s`;
}

/**
 * What `npm run dev` adds to the API's and worker's environment for operations: the stall threshold that
 * follows the carrier simulator's clock, and an operations address whose alerts land in the dev inbox.
 * Either one set in the environment wins.
 */
export function devOpsEnv(env: NodeJS.ProcessEnv, carrierTimeScale: number): NodeJS.ProcessEnv {
  return {
    STALL_THRESHOLD: env.STALL_THRESHOLD ?? devStallThreshold(carrierTimeScale),
    OPS_ALERT_EMAILS: env.OPS_ALERT_EMAILS ?? 'ops@demo-shop.localhost',
  };
}
