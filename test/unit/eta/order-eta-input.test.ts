import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../../src/eta/calendar-date.js';
import { orderEtaInput } from '../../../src/eta/order-eta-input.js';

const order = {
  placedAt: '2026-12-02T06:30:00Z',
  shippingAddress: { line1: '1 Main St', city: 'Los Angeles', region: 'ca', postalCode: '90012', country: 'US' },
  items: [{ quantity: 2, weightGrams: 300 }, { quantity: 1, weightGrams: 400 }],
  carrierId: 'ups',
  serviceLevel: 'Ground',
};
const shipFrom = { line1: '10 Dock Rd', city: 'Portland', region: 'OR', postalCode: '97209', country: 'US' };
const eta = { modelDir: undefined, minDeliveries: 200, cutoffHour: 14, shopTimeZone: undefined };

describe('the ETA input of an order', () => {
  it('takes the lane from the ship-from and shipping addresses, counts items and sums weights', () => {
    expect(orderEtaInput({ ...order, customerTimeZone: 'America/Los_Angeles' }, { eta, shipFrom })).toEqual({
      purchasedAt: '2026-12-02T06:30:00Z',
      customerTimeZone: 'America/Los_Angeles',
      originCountry: 'US',
      originRegion: 'OR',
      originPostcode: '97209',
      destinationCountry: 'US',
      destinationRegion: 'CA',
      destinationPostcode: '90012',
      carrier: 'ups',
      serviceLevel: 'Ground',
      itemCount: 3,
      weightGrams: 1000,
    });
  });

  it("falls back to the shop's zone, then UTC; to a domestic origin; and leaves out a partial weight and a long region name", () => {
    const partial = { ...order, items: [{ quantity: 1, weightGrams: 300 }, { quantity: 1 }], shippingAddress: { ...order.shippingAddress, region: 'California' } };
    const input = orderEtaInput(partial, { eta: { ...eta, shopTimeZone: 'America/New_York' }, shipFrom: undefined });
    expect(input).toMatchObject({ customerTimeZone: 'America/New_York', shopTimeZone: 'America/New_York', originCountry: 'US', itemCount: 2 });
    expect(input).not.toHaveProperty('weightGrams');
    expect(input).not.toHaveProperty('destinationRegion');
    expect(input).not.toHaveProperty('originRegion');
    expect(orderEtaInput(order, { eta, shipFrom }).customerTimeZone).toBe('UTC');
  });

  it('reads calendar dates on the given zone, not in UTC', () => {
    expect(calendarDate('2026-12-02T06:30:00Z', 'America/Los_Angeles')).toBe('2026-12-01');
    expect(calendarDate('2026-12-02T06:30:00Z', 'UTC')).toBe('2026-12-02');
    expect(calendarDate('2026-12-02T20:30:00Z', 'Asia/Tokyo')).toBe('2026-12-03');
  });
});
