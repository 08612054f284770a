import type { CarrierId } from '../carrier-adapter.js';

/**
 * Country suffixes of UPU S10 numbers. Instead of shipping a country table we ask the runtime's
 * ICU region data (Node ships full ICU), which knows every ISO 3166-1 alpha-2 code and its name.
 */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

// ICU also names codes that are not countries (EU, UN, pseudo and user-assigned codes) and the
// "exceptionally reserved" ones (Canary Islands, Diego Garcia…): no postal operator issues them.
const NOT_POSTAL_COUNTRIES = new Set([
  'AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'XK', 'ZZ',
]);

/** Postal operators we integrate, by the S10 country suffix they issue. */
const POSTAL_CARRIER_BY_COUNTRY: Readonly<Record<string, CarrierId>> = { US: 'usps', CA: 'canadapost' };

/** English name of an assigned ISO 3166-1 country code, or undefined when the code is not one. */
export function s10CountryName(code: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code) || NOT_POSTAL_COUNTRIES.has(code)) return undefined;
  // Deprecated codes (UK, SU, YU…) canonicalise to another region: a label never carries them.
  if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) return undefined;
  const name = regionNames.of(code);
  return name === undefined || name === code ? undefined : name;
}

/** The carrier we integrate that issued S10 numbers with this suffix (USPS, Canada Post), or null. */
export function s10IssuingCarrier(code: string): CarrierId | null {
  return POSTAL_CARRIER_BY_COUNTRY[code] ?? null;
}
