import { upsMod10 } from '../tracking-number/check-digits.js';
import { FORMAT_RANK, checked } from '../tracking-number/format-builders.js';
import type { TrackingFormat } from '../tracking-number/types.js';

// The two-character service code inside a 1Z number; unknown codes fall back to plain "UPS".
const UPS_SERVICES: Readonly<Record<string, string>> = {
  '01': 'UPS Next Day Air',
  '02': 'UPS 2nd Day Air',
  '03': 'UPS Ground',
  '12': 'UPS 3 Day Select',
  '13': 'UPS Next Day Air Saver',
  '15': 'UPS Next Day Air Early',
  '66': 'UPS Worldwide Express',
  YW: 'UPS SurePost',
};

/** UPS tracking-number formats: 1Z numbers (service code inside) and waybills. */
export const UPS_TRACKING_FORMATS: readonly TrackingFormat[] = [
  checked({ id: 'ups_1z', examples: ['1Z879E930346834440'], carrier: 'ups', rank: FORMAT_RANK.prefixedChecked, algorithm: upsMod10,
    pattern: /^1Z(?<serial>[A-Z0-9]{6}(?<svc>[A-Z0-9]{2})[A-Z0-9]{7})(?<check>\d)$/,
    service: (g) => UPS_SERVICES[g.svc ?? ''] ?? 'UPS' }),
  checked({ id: 'ups_waybill', examples: ['K1506235620'], carrier: 'ups', service: 'UPS Waybill', rank: FORMAT_RANK.partlyPrefixed,
    pattern: /^[AHJKTV](?<serial>\d{9})(?<check>\d)$/, algorithm: upsMod10 }),
];
