import { describe, expect, it } from 'vitest';
import { cepArea } from '../../../ml/cep-geography.js';
import { historyFeatures, NUMERIC_NAMES, rawNumeric } from '../../../ml/features.js';
import { labelRows } from '../../../ml/labelled-rows.js';
import { LaneHistory } from '../../../ml/lane-history.js';
import { shrunkMean, shrunkStd, SHRINK_PSEUDO_COUNT } from '../../../ml/shrinkage.js';
import { orderTiming } from '../../../ml/timing.js';
import { historiesOf } from '../../../ml/train.js';
import { delivered, purchase } from './fixtures.js';

const col = (name: string) => NUMERIC_NAMES.indexOf(name);

describe('CEP geography: capital, metropolitan area, interior', () => {
  it('places postcodes of the capitals, their metro areas and the interior', () => {
    expect(cepArea('BR', 'SP', '01310')).toBe(0); // São Paulo city centre
    expect(cepArea('BR', 'SP', '09010')).toBe(1); // ABC region
    expect(cepArea('BR', 'SP', '13085')).toBe(2); // Campinas: interior
    expect(cepArea('BR', 'RJ', '20040-020')).toBe(0);
    expect(cepArea('BR', 'RJ', '24020')).toBe(1); // Niterói
    expect(cepArea('BR', 'MG', '30130')).toBe(0);
    expect(cepArea('BR', 'MG', '38400')).toBe(2); // Uberlândia
    expect(cepArea('BR', 'rs', '92010')).toBe(1); // Canoas; region case does not matter
  });

  it('is unknown outside Brazil, without a state or a 5-digit postcode, and interior for a postcode of another state', () => {
    expect(cepArea('US', 'NY', '10001')).toBeUndefined();
    expect(cepArea('BR', undefined, '01310')).toBeUndefined();
    expect(cepArea('BR', 'SP', '013')).toBeUndefined();
    expect(cepArea('BR', 'XX', '01310')).toBeUndefined();
    expect(cepArea('BR', 'RJ', '01310')).toBe(2);
  });

  it('feeds the flags to the model', () => {
    const input = purchase({ originPostcode: '01310', destinationPostcode: '24020' });
    const t = orderTiming(input, 14);
    const raw = rawNumeric(input, t, historyFeatures(new LaneHistory(), input, t.purchaseMs), 5);
    expect(['origin_cep_capital', 'origin_cep_metro', 'dest_cep_capital', 'dest_cep_metro', 'cep_area_known'].map((n) => raw[col(n)])).toEqual([1, 0, 0, 1, 1]);
    const unknown = purchase({ destinationPostcode: undefined });
    const raw2 = rawNumeric(unknown, t, historyFeatures(new LaneHistory(), unknown, t.purchaseMs), 5);
    expect(raw2[col('cep_area_known')]).toBe(0);
  });
});

describe('shrinkage of thin keys', () => {
  it('moves from the parent toward the key as its deliveries accumulate', () => {
    expect(shrunkMean(0, Number.NaN, 8)).toBe(8);
    expect(shrunkMean(SHRINK_PSEUDO_COUNT, 4, 8)).toBe(6);
    expect(shrunkMean(1000, 4, 8)).toBeCloseTo(4, 1);
    expect(shrunkMean(2, 4, 8)).toBeGreaterThan(7);
  });

  it('shrinks a key variance toward the parent variance', () => {
    // Transits 2 and 6: mean 4, mean square 20, variance 4.
    expect(shrunkStd(0, Number.NaN, Number.NaN, 9)).toBe(3);
    expect(shrunkStd(2, 4, 20, 9)).toBeCloseTo(Math.sqrt((2 * 4 + SHRINK_PSEUDO_COUNT * 9) / (2 + SHRINK_PSEUDO_COUNT)));
  });
});

describe('finer lane (origin state → customer postcode area)', () => {
  const order = (deliveredAt: string, purchasedAt: string, destinationPostcode: string) => delivered(deliveredAt, { purchasedAt, destinationPostcode });

  it('counts deliveries completed before the purchase only, per 3-digit area, shrunk toward the state lane', () => {
    const rows = labelRows(
      [
        order('2018-03-09T10:00:00-03:00', '2018-03-01T10:00:00-03:00', '20040'), // area 200
        order('2018-03-12T10:00:00-03:00', '2018-03-01T11:00:00-03:00', '24020'), // area 240, same state lane
        order('2018-03-20T10:00:00-03:00', '2018-03-05T10:00:00-03:00', '20550'), // completes after the next purchase
        order('2018-03-28T10:00:00-03:00', '2018-03-13T10:00:00-03:00', '20110'), // area 201
        order('2018-04-10T10:00:00-03:00', '2018-03-14T10:00:00-03:00', '20090'), // area 200 again
      ],
      14,
    );
    const h = historiesOf(rows, 56);
    const last = rows.length - 1;
    // Only the first order of area 200 completed before the last purchase; the one completing on 03-20 did not.
    expect(h[last]!.fineLane).toMatchObject({ recentCount: 1, allCount: 1, recentMean: rows[0]!.transit });
    expect(h[last]!.lane.allCount).toBe(2);
    const raw = rawNumeric(rows[last]!.delivery.input, rows[last]!.timing, h[last]!, 5);
    const laneMean = (rows[0]!.transit + rows[1]!.transit) / 2;
    expect(raw[col('fine_lane_recent')]).toBeCloseTo((rows[0]!.transit + SHRINK_PSEUDO_COUNT * laneMean) / (1 + SHRINK_PSEUDO_COUNT));
    expect(raw[col('fine_lane_log_n')]).toBeCloseTo(Math.log(2));
    // Area 201 has no completed delivery: the state lane's figure stands in.
    expect(h[3]!.fineLane.allCount).toBe(0);
    expect(rawNumeric(rows[3]!.delivery.input, rows[3]!.timing, h[3]!, 5)[col('fine_lane_recent')]).toBeCloseTo(laneMean);
  });

  it('gives a lane spread from completed deliveries only', () => {
    const rows = labelRows(
      [
        order('2018-03-06T10:00:00-03:00', '2018-03-01T10:00:00-03:00', '20040'),
        order('2018-03-16T10:00:00-03:00', '2018-03-01T11:00:00-03:00', '20040'),
        order('2018-03-30T10:00:00-03:00', '2018-03-19T10:00:00-03:00', '20040'),
      ],
      14,
    );
    const h = historiesOf(rows, 56)[2]!;
    expect(h.laneSq.allCount).toBe(2);
    expect(h.laneSq.allMean).toBeCloseTo((rows[0]!.transit ** 2 + rows[1]!.transit ** 2) / 2);
    const before = historiesOf(rows, 56)[0]!;
    expect(before.laneSq.allCount).toBe(0);
    expect(rawNumeric(rows[0]!.delivery.input, rows[0]!.timing, before, 5)[col('lane_std')]).toBeCloseTo(5 * 0.5);
  });
});
