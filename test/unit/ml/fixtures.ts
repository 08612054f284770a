import type { CompletedDelivery, PurchaseInput } from '../../../ml/purchase-input.js';

/** A purchase-time input with sensible defaults (a domestic Brazilian order, São Paulo → Rio). */
export function purchase(over: Partial<PurchaseInput> = {}): PurchaseInput {
  return {
    orderId: 'o-1',
    purchasedAt: '2018-03-05T12:00:00-03:00',
    customerTimeZone: 'America/Sao_Paulo',
    shopTimeZone: 'America/Sao_Paulo',
    originCountry: 'BR',
    originRegion: 'SP',
    originPostcode: '01310',
    destinationCountry: 'BR',
    destinationRegion: 'RJ',
    destinationPostcode: '20040',
    carrier: 'correios',
    serviceLevel: 'standard',
    itemCount: 1,
    weightGrams: 800,
    freightCost: 15,
    category: 'books',
    ...over,
  };
}

/** A completed delivery of `purchase(over)` delivered at `deliveredAt`. */
export function delivered(deliveredAt: string, over: Partial<PurchaseInput> = {}): CompletedDelivery {
  return { input: purchase(over), deliveredAt };
}
