import { manifest as aftership } from './aftership/index.js';
import { manifest as canadapost } from './canadapost/index.js';
import { manifest as dhl } from './dhl/index.js';
import { manifest as easypost } from './easypost/index.js';
import { manifest as fedex } from './fedex/index.js';
import { manifest as shippo } from './shippo/index.js';
import { manifest as simulator } from './simulator/index.js';
import { manifest as ups } from './ups/index.js';
import { manifest as usps } from './usps/index.js';

/**
 * The one list of carriers. Ids, the catalog (names, logos, tracking links), the body normalizers, the
 * adapter registry and the carrier environment are all derived from it: adding a carrier is one folder
 * with a `manifest` and one line here (docs/add-a-carrier.md). The order is the order of lists and docs.
 */
export const CARRIER_MANIFESTS = [ups, fedex, usps, dhl, canadapost, easypost, aftership, shippo, simulator] as const;

/** Any one of the manifests, with its own id and environment types. */
export type AnyCarrierManifest = (typeof CARRIER_MANIFESTS)[number];
