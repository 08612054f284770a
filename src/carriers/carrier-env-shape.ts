import type { z } from 'zod';
import { CARRIER_MANIFESTS, type AnyCarrierManifest } from './all.js';

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/** Every carrier's environment variables in one zod shape (what `src/config` validates). */
export type CarrierEnvShape = UnionToIntersection<AnyCarrierManifest['env']>;

/** The parsed carrier environment: every carrier's settings, each optional. */
export type CarrierEnv = { [K in keyof CarrierEnvShape]: z.output<CarrierEnvShape[K]> };

/** The union of the manifests' env shapes; a variable two carriers both declare is a mistake caught by a test. */
export const CARRIER_ENV_SHAPE = Object.assign({}, ...CARRIER_MANIFESTS.map((m) => m.env)) as CarrierEnvShape;
