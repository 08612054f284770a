import { parseCsv } from './csv.js';
import type { CompletedDelivery, PurchaseInput } from './purchase-input.js';
import { instantFromWallClock } from './time-zone.js';

/**
 * The delivery CSV format the scripts read: the columns of the Olist-derived training file (see ml/README.md)
 * plus optional ones for other shops: carrier, service_level, origin_country, destination_country,
 * customer_time_zone, data_time_zone (the zone the file's wall-clock timestamps are in; default
 * America/Sao_Paulo as in Olist's data). Rows without delivered_ts give purchase-time inputs only.
 */
export const DELIVERY_CSV_COLUMNS = [
  'order_id', 'purchase_ts', 'approved_ts', 'carrier_handoff_ts', 'delivered_ts', 'platform_estimate_ts',
  'customer_state', 'customer_zip_prefix', 'seller_state', 'seller_zip_prefix', 'n_items', 'n_sellers',
  'freight_value', 'total_weight_g', 'product_category', 'ts_resolution',
];

/** Brazilian states by IANA zone (customers' calendars); other states use Sao Paulo's. */
const BR_ZONES: Record<string, string> = {
  AC: 'America/Rio_Branco', AM: 'America/Manaus', RR: 'America/Boa_Vista', RO: 'America/Porto_Velho',
  MT: 'America/Cuiaba', MS: 'America/Campo_Grande', PA: 'America/Belem', AP: 'America/Belem', TO: 'America/Araguaina',
  MA: 'America/Fortaleza', PI: 'America/Fortaleza', CE: 'America/Fortaleza', RN: 'America/Fortaleza',
  PB: 'America/Fortaleza', PE: 'America/Recife', AL: 'America/Maceio', SE: 'America/Maceio', BA: 'America/Bahia',
};

const DEFAULT_DATA_ZONE = 'America/Sao_Paulo';

/** One parsed row: purchase-time input, and the outcome when the row has one. */
export interface DeliveryRow {
  input: PurchaseInput;
  delivery?: CompletedDelivery;
}

const number = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v));

function toIso(wall: string | undefined, zone: string): string | undefined {
  if (!wall || !wall.trim()) return undefined;
  return new Date(instantFromWallClock(wall, zone)).toISOString();
}

/** Read delivery rows; throws with the line number on a row that lacks what a prediction needs. */
export function parseDeliveryCsv(text: string): DeliveryRow[] {
  return parseCsv(text).map((r, i) => {
    const line = i + 2;
    if (!r.purchase_ts) throw new Error(`line ${line}: purchase_ts is required`);
    const dataZone = r.data_time_zone || DEFAULT_DATA_ZONE;
    const originCountry = (r.origin_country || 'BR').toUpperCase();
    const destinationCountry = (r.destination_country || originCountry).toUpperCase();
    const state = (r.customer_state ?? '').toUpperCase();
    const customerZone = r.customer_time_zone || (destinationCountry === 'BR' ? BR_ZONES[state] ?? DEFAULT_DATA_ZONE : dataZone);
    const input: PurchaseInput = {
      orderId: r.order_id,
      purchasedAt: toIso(r.purchase_ts, dataZone)!,
      customerTimeZone: customerZone,
      shopTimeZone: dataZone,
      originCountry,
      originRegion: (r.seller_state ?? '').toUpperCase() || undefined,
      originPostcode: r.seller_zip_prefix || undefined,
      destinationCountry,
      destinationRegion: state || undefined,
      destinationPostcode: r.customer_zip_prefix || undefined,
      carrier: r.carrier || undefined,
      serviceLevel: r.service_level || undefined,
      itemCount: number(r.n_items),
      sellerCount: number(r.n_sellers),
      weightGrams: number(r.total_weight_g),
      freightCost: number(r.freight_value),
      category: r.product_category || undefined,
    };
    const deliveredAt = toIso(r.delivered_ts, dataZone);
    if (!deliveredAt) return { input };
    const handedOverAt = toIso(r.carrier_handoff_ts, dataZone);
    const promise = r.platform_estimate_ts?.trim().slice(0, 10);
    return {
      input,
      delivery: { input, deliveredAt, ...(handedOverAt ? { handedOverAt } : {}), ...(promise ? { platformPromise: promise } : {}) },
    };
  });
}
