/**
 * An aggregator's name for the carrier behind a tracking number (EasyPost `carrier: "UPS"`, AfterShip
 * `slug: "canada-post"`, Shippo `carrier: "dhl_express"`) in our carrier ids, for the carriers we have an
 * id for; any other name gives undefined (the update then matches only orders tracked through the
 * aggregator itself).
 */
const KNOWN: Record<string, string> = {
  ups: 'ups',
  fedex: 'fedex',
  usps: 'usps',
  dhl: 'dhl',
  dhlexpress: 'dhl',
  dhlecommerce: 'dhl',
  canadapost: 'canadapost',
};

export function underlyingCarrierId(name: string | undefined | null): string | undefined {
  if (!name) return undefined;
  return KNOWN[name.toLowerCase().replace(/[^a-z]/g, '')];
}
