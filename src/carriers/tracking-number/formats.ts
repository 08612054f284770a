import { CARRIER_MANIFESTS } from '../all.js';
import type { TrackingFormat } from './types.js';

/**
 * Every format we detect, derived from the carrier manifests (each carrier defines its own formats in
 * its folder). A format listed by several carriers (the S10 format of the posts) is kept once, where it
 * first appears. The order only breaks ties between equally specific matches.
 */
export const TRACKING_FORMATS: readonly TrackingFormat[] = uniqueById(CARRIER_MANIFESTS.flatMap((m) => m.trackingNumberFormats));

function uniqueById(formats: readonly TrackingFormat[]): TrackingFormat[] {
  const byId = new Map<string, TrackingFormat>();
  for (const format of formats) if (!byId.has(format.id)) byId.set(format.id, format);
  return [...byId.values()];
}
