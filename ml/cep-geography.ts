/**
 * Where a Brazilian postcode (CEP) lies relative to its state's capital. CEPs are assigned geographically:
 * each state owns ranges of the first five digits, and within a state the capital takes the lowest range,
 * its metropolitan neighbours the next ones, and the interior the rest. The ranges below are written down
 * here from general knowledge of the CEP system (approximate boundaries, one line per state, no copied
 * table); a postcode outside them is "interior". The capital/metro/interior split matters for delivery
 * times: Correios' interior routes add days that the state alone does not show.
 */

/** Capital city and metropolitan-area ranges of 5-digit CEP prefixes, inclusive, per state. */
interface StateCeps {
  capital: readonly (readonly [number, number])[];
  metro: readonly (readonly [number, number])[];
}

const BR_CEP_AREAS: Record<string, StateCeps> = {
  SP: { capital: [[1000, 5999], [8000, 8499]], metro: [[6000, 7999], [8500, 9999]] },
  RJ: { capital: [[20000, 23799]], metro: [[23800, 26699]] },
  ES: { capital: [[29000, 29099]], metro: [[29100, 29189]] },
  MG: { capital: [[30000, 31999]], metro: [[32000, 34999]] },
  BA: { capital: [[40000, 42599]], metro: [[42600, 43999]] },
  SE: { capital: [[49000, 49099]], metro: [[49100, 49199]] },
  PE: { capital: [[50000, 52999]], metro: [[53000, 54999]] },
  AL: { capital: [[57000, 57099]], metro: [[57100, 57199]] },
  PB: { capital: [[58000, 58099]], metro: [[58100, 58399]] },
  RN: { capital: [[59000, 59139]], metro: [[59140, 59299]] },
  CE: { capital: [[60000, 61599]], metro: [[61600, 61999]] },
  PI: { capital: [[64000, 64099]], metro: [] },
  MA: { capital: [[65000, 65099]], metro: [[65100, 65139]] },
  PA: { capital: [[66000, 66999]], metro: [[67000, 67999]] },
  AP: { capital: [[68900, 68914]], metro: [[68915, 68929]] },
  AM: { capital: [[69000, 69099]], metro: [] },
  RR: { capital: [[69300, 69339]], metro: [] },
  AC: { capital: [[69900, 69923]], metro: [] },
  // The Federal District is Brasília with its satellite cities; Goiás' CEPs around it are its surroundings.
  DF: { capital: [[70000, 70999]], metro: [[71000, 73699]] },
  GO: { capital: [[74000, 74899]], metro: [[74900, 75199], [72800, 72999], [73700, 73999]] },
  RO: { capital: [[76800, 76834]], metro: [] },
  TO: { capital: [[77000, 77270]], metro: [] },
  MT: { capital: [[78000, 78109]], metro: [[78110, 78179]] },
  MS: { capital: [[79000, 79124]], metro: [] },
  PR: { capital: [[80000, 82999]], metro: [[83000, 83999]] },
  SC: { capital: [[88000, 88099]], metro: [[88100, 88199]] },
  RS: { capital: [[90000, 91999]], metro: [[92000, 94999]] },
};

/** 0 = the state's capital, 1 = its metropolitan area, 2 = interior. */
export type CepArea = 0 | 1 | 2;

const inRanges = (v: number, ranges: StateCeps['capital']) => ranges.some(([lo, hi]) => v >= lo && v <= hi);

/**
 * Area class of a Brazilian postcode (5-digit prefix or full CEP, hyphen allowed), or undefined when the
 * country is not Brazil, the postcode is not a CEP, or the state is unknown. The state decides which table
 * applies, so a postcode typed in the wrong state counts as its state's interior.
 */
export function cepArea(country: string, region: string | undefined, postcode: string | undefined): CepArea | undefined {
  if (country !== 'BR' || !region || !postcode) return undefined;
  const digits = postcode.replace(/\D/g, '');
  if (digits.length < 5) return undefined;
  const table = BR_CEP_AREAS[region.toUpperCase()];
  if (!table) return undefined;
  const prefix = Number(digits.slice(0, 5));
  if (inRanges(prefix, table.capital)) return 0;
  if (inRanges(prefix, table.metro)) return 1;
  return 2;
}
