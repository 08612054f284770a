/**
 * Approximate coordinates (degrees latitude, longitude) of each Brazilian state's capital, written down here
 * from public geography (27 facts, no gazetteer): the great-circle distance between an order's origin and
 * destination states is a distance feature where postcodes give none. Other countries have no entry: their
 * distance is unknown (the feature's flag says so).
 */
const BR_CAPITALS: Record<string, readonly [number, number]> = {
  AC: [-9.97, -67.81], AL: [-9.67, -35.74], AP: [0.03, -51.07], AM: [-3.12, -60.02], BA: [-12.97, -38.5],
  CE: [-3.73, -38.52], DF: [-15.79, -47.88], ES: [-20.32, -40.34], GO: [-16.68, -49.25], MA: [-2.53, -44.3],
  MT: [-15.6, -56.1], MS: [-20.47, -54.62], MG: [-19.92, -43.94], PA: [-1.46, -48.5], PB: [-7.12, -34.86],
  PR: [-25.43, -49.27], PE: [-8.05, -34.88], PI: [-5.09, -42.8], RJ: [-22.91, -43.17], RN: [-5.79, -35.21],
  RS: [-30.03, -51.23], RO: [-8.76, -63.9], RR: [2.82, -60.67], SC: [-27.6, -48.55], SP: [-23.55, -46.63],
  SE: [-10.91, -37.07], TO: [-10.18, -48.33],
};

const EARTH_RADIUS_KM = 6371;

function coordinates(country: string, region: string | undefined): readonly [number, number] | undefined {
  return country === 'BR' && region ? BR_CAPITALS[region.toUpperCase()] : undefined;
}

/** Great-circle distance (km) between the capitals of two regions, or undefined when either is unknown. */
export function regionDistanceKm(fromCountry: string, fromRegion: string | undefined, toCountry: string, toRegion: string | undefined): number | undefined {
  const a = coordinates(fromCountry, fromRegion);
  const b = coordinates(toCountry, toRegion);
  if (!a || !b) return undefined;
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
