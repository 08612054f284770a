import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../../ml/csv.js';
import { parseDeliveryCsv } from '../../../ml/delivery-csv.js';
import { demoCsv } from '../../../ml/demo-history.js';

describe('delivery CSV', () => {
  it('reads quoted fields, doubled quotes and CRLF, and writes them back', () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n1,\r\n';
    expect(parseCsv(text)).toEqual([{ a: 'x, y', b: 'say "hi"' }, { a: '1', b: '' }]);
    expect(parseCsv(toCsv(['a', 'b'], parseCsv(text)))).toEqual(parseCsv(text));
  });

  it('names the line of a row with the wrong number of fields or no purchase time', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n')).toThrow(/line 3/);
    expect(() => parseDeliveryCsv('order_id,purchase_ts\nx,\n')).toThrow(/line 2: purchase_ts/);
  });

  it('reads Olist-style rows: wall-clock times in São Paulo, customer zone from the state, outcome optional', () => {
    const rows = parseDeliveryCsv(
      'order_id,purchase_ts,delivered_ts,platform_estimate_ts,customer_state,seller_state,n_items,total_weight_g,freight_value,product_category\n' +
        'a1,2017-05-02 10:00:00,2017-05-09 23:30:00,2017-05-20 00:00:00,AM,SP,2,500,12.5,\n' +
        'a2,2017-05-02 10:00:00,,,RJ,SP,1,,,\n',
    );
    expect(rows[0]!.input).toMatchObject({ purchasedAt: '2017-05-02T13:00:00.000Z', customerTimeZone: 'America/Manaus', originRegion: 'SP', itemCount: 2, category: undefined });
    expect(rows[0]!.delivery).toMatchObject({ deliveredAt: '2017-05-10T02:30:00.000Z', platformPromise: '2017-05-20' });
    expect(rows[1]!.delivery).toBeUndefined();
    expect(rows[1]!.input.weightGrams).toBeUndefined();
  });
});

describe('synthetic demo history', () => {
  it('is deterministic for a seed and labelled synthetic', () => {
    const a = demoCsv({ count: 200, seed: 3 });
    expect(demoCsv({ count: 200, seed: 3 })).toBe(a);
    expect(demoCsv({ count: 200, seed: 4 })).not.toBe(a);
    const rows = parseDeliveryCsv(a);
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.input.orderId?.startsWith('demo-') && r.delivery)).toBe(true);
  });

  it('never delivers before the purchase', () => {
    for (const r of parseDeliveryCsv(demoCsv({ count: 300, seed: 9 }))) {
      expect(Date.parse(r.delivery!.deliveredAt)).toBeGreaterThan(Date.parse(r.input.purchasedAt));
    }
  });
});
