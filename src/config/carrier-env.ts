import { CARRIER_ENV_SHAPE, type CarrierEnv as DerivedCarrierEnv } from '../carriers/carrier-env-shape.js';

/**
 * Per-merchant carrier credentials, one shape per carrier declared in its manifest (`src/carriers/<id>/
 * manifest.ts`, listed in `src/carriers/all.ts`). A carrier is enabled when its required credentials are
 * set; base URLs default to production and point at the carrier simulator (or a sandbox) when overridden.
 */
export const carrierEnvShape = CARRIER_ENV_SHAPE;

/** The parsed carrier settings (every carrier's variables, each optional). */
export type CarrierEnv = DerivedCarrierEnv;
