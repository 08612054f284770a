/**
 * A small gazetteer of places the simulator and the demo ship through, plus capitals and large cities
 * of the countries shops here mostly ship to: city, region (or ''), ISO country, latitude, longitude
 * and IANA time zone. Written for this project from public geographic facts (city-centre coordinates,
 * rounded to 2 decimals: a pin on a country-scale map needs no more).
 */
const PLACES: readonly (readonly [string, string, string, number, number, string])[] = [
  // United States: the simulator's origins, hubs and destinations first.
  ['Portland', 'OR', 'US', 45.52, -122.68, 'America/Los_Angeles'],
  ['Austin', 'TX', 'US', 30.27, -97.74, 'America/Chicago'],
  ['Columbus', 'OH', 'US', 39.96, -83.0, 'America/New_York'],
  ['Denver', 'CO', 'US', 39.74, -104.99, 'America/Denver'],
  ['Louisville', 'KY', 'US', 38.25, -85.76, 'America/New_York'],
  ['Memphis', 'TN', 'US', 35.15, -90.05, 'America/Chicago'],
  ['Chicago', 'IL', 'US', 41.88, -87.63, 'America/Chicago'],
  ['Dallas', 'TX', 'US', 32.78, -96.8, 'America/Chicago'],
  ['Indianapolis', 'IN', 'US', 39.77, -86.16, 'America/Indiana/Indianapolis'],
  ['Ontario', 'CA', 'US', 34.06, -117.65, 'America/Los_Angeles'],
  ['Brooklyn', 'NY', 'US', 40.68, -73.94, 'America/New_York'],
  ['Atlanta', 'GA', 'US', 33.75, -84.39, 'America/New_York'],
  ['Seattle', 'WA', 'US', 47.61, -122.33, 'America/Los_Angeles'],
  ['Minneapolis', 'MN', 'US', 44.98, -93.27, 'America/Chicago'],
  ['Springfield', 'IL', 'US', 39.78, -89.65, 'America/Chicago'],
  ['New York', 'NY', 'US', 40.71, -74.01, 'America/New_York'],
  ['Los Angeles', 'CA', 'US', 34.05, -118.24, 'America/Los_Angeles'],
  ['San Francisco', 'CA', 'US', 37.77, -122.42, 'America/Los_Angeles'],
  ['Houston', 'TX', 'US', 29.76, -95.37, 'America/Chicago'],
  ['Phoenix', 'AZ', 'US', 33.45, -112.07, 'America/Phoenix'],
  ['Miami', 'FL', 'US', 25.76, -80.19, 'America/New_York'],
  ['Boston', 'MA', 'US', 42.36, -71.06, 'America/New_York'],
  ['Washington', 'DC', 'US', 38.91, -77.04, 'America/New_York'],
  // Canada.
  ['Ottawa', 'ON', 'CA', 45.42, -75.7, 'America/Toronto'],
  ['Toronto', 'ON', 'CA', 43.65, -79.38, 'America/Toronto'],
  ['Montreal', 'QC', 'CA', 45.5, -73.57, 'America/Toronto'],
  ['Vancouver', 'BC', 'CA', 49.28, -123.12, 'America/Vancouver'],
  // Türkiye.
  ['Ankara', '', 'TR', 39.93, 32.86, 'Europe/Istanbul'],
  ['Istanbul', '', 'TR', 41.01, 28.98, 'Europe/Istanbul'],
  ['İstanbul', '', 'TR', 41.01, 28.98, 'Europe/Istanbul'],
  ['Izmir', '', 'TR', 38.42, 27.14, 'Europe/Istanbul'],
  ['İzmir', '', 'TR', 38.42, 27.14, 'Europe/Istanbul'],
  ['Bursa', '', 'TR', 40.19, 29.06, 'Europe/Istanbul'],
  ['Antalya', '', 'TR', 36.9, 30.7, 'Europe/Istanbul'],
  // Europe: capitals and the big parcel hubs.
  ['London', '', 'GB', 51.51, -0.13, 'Europe/London'],
  ['Berlin', '', 'DE', 52.52, 13.4, 'Europe/Berlin'],
  ['Leipzig', '', 'DE', 51.34, 12.37, 'Europe/Berlin'],
  ['Cologne', '', 'DE', 50.94, 6.96, 'Europe/Berlin'],
  ['Paris', '', 'FR', 48.86, 2.35, 'Europe/Paris'],
  ['Amsterdam', '', 'NL', 52.37, 4.9, 'Europe/Amsterdam'],
  ['Brussels', '', 'BE', 50.85, 4.35, 'Europe/Brussels'],
  ['Madrid', '', 'ES', 40.42, -3.7, 'Europe/Madrid'],
  ['Rome', '', 'IT', 41.9, 12.5, 'Europe/Rome'],
  ['Vienna', '', 'AT', 48.21, 16.37, 'Europe/Vienna'],
  ['Warsaw', '', 'PL', 52.23, 21.01, 'Europe/Warsaw'],
  // Elsewhere.
  ['Mexico City', '', 'MX', 19.43, -99.13, 'America/Mexico_City'],
  ['Tokyo', '', 'JP', 35.68, 139.69, 'Asia/Tokyo'],
  ['Shanghai', '', 'CN', 31.23, 121.47, 'Asia/Shanghai'],
  ['Hong Kong', '', 'HK', 22.32, 114.17, 'Asia/Hong_Kong'],
  ['Singapore', '', 'SG', 1.35, 103.82, 'Asia/Singapore'],
  ['Dubai', '', 'AE', 25.2, 55.27, 'Asia/Dubai'],
  ['Sydney', 'NSW', 'AU', -33.87, 151.21, 'Australia/Sydney'],
];

export interface GazetteerPlace {
  city: string;
  region: string;
  country: string;
  lat: number;
  lon: number;
  timeZone: string;
}

const norm = (s: string | undefined) => (s ?? '').trim().toLocaleLowerCase('en');
const byCityCountry = new Map<string, GazetteerPlace>();
const byCityRegionCountry = new Map<string, GazetteerPlace>();
for (const [city, region, country, lat, lon, timeZone] of PLACES) {
  const place = { city, region, country, lat, lon, timeZone };
  const cc = `${norm(city)}|${norm(country)}`;
  if (!byCityCountry.has(cc)) byCityCountry.set(cc, place);
  byCityRegionCountry.set(`${norm(city)}|${norm(region)}|${norm(country)}`, place);
}

/** The place named by city (+ region) + country, preferring an exact region match; undefined if unknown. */
export function lookupPlace(loc: { city?: string; region?: string; country?: string }): GazetteerPlace | undefined {
  if (!loc.city || !loc.country) return undefined;
  return (
    byCityRegionCountry.get(`${norm(loc.city)}|${norm(loc.region)}|${norm(loc.country)}`) ??
    byCityCountry.get(`${norm(loc.city)}|${norm(loc.country)}`)
  );
}
