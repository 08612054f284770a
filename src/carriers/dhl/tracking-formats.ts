import { mod7 } from '../tracking-number/check-digits.js';
import { FORMAT_RANK, checked, unchecked } from '../tracking-number/format-builders.js';
import type { TrackingFormat } from '../tracking-number/types.js';

/** DHL tracking-number formats: Express air waybills and piece ids, DHL eCommerce numbers. */
export const DHL_TRACKING_FORMATS: readonly TrackingFormat[] = [
  checked({ id: 'dhl_express', examples: ['3318810025', '73891051146'], carrier: 'dhl', service: 'DHL Express', rank: FORMAT_RANK.checked,
    pattern: /^(?<serial>\d{9,10})(?<check>\d)$/, algorithm: mod7 }),
  unchecked('dhl_express_piece_id', 'dhl', 'DHL Express (piece ID)', FORMAT_RANK.prefixed, /^J[A-Z]{2,3}\d{9,10}$/,
    ['JJD0099999999', 'JVGL0999999990']),
  unchecked('dhl_ecommerce', 'dhl', 'DHL eCommerce', FORMAT_RANK.prefixed,
    /^(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)(?=[A-Z]*\d)[0-9A-Z]{10,39}$/, ['GM2951173225174494']),
  unchecked('dhl_ecommerce_14', 'dhl', 'DHL eCommerce (14)', FORMAT_RANK.any, /^\d{14}$/, ['60120172242323']),
];
