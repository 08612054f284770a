import { ApplicationFailure } from '@temporalio/activity';
import { describe, expect, it } from 'vitest';
import { createCarrierActivities, SHIP_FROM_MISSING } from '../../activities/carrier.js';
import type { CarrierAdapter, CreateShipmentRequest } from '../../src/carriers/carrier-adapter.js';
import { createCarrierRegistry } from '../../src/carriers/registry.js';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import type { PostalAddress } from '../../src/domain/postal-address.js';
import { createLogger } from '../../src/observability/logger.js';
import { uniqueName } from '../support/servers.js';
import { useTestConnection } from '../support/test-connection.js';

const db = useTestConnection('register');

/** A carrier that creates shipments and keeps what it was asked (what a real carrier's API would receive). */
function recordingCarrier() {
  const requests: CreateShipmentRequest[] = [];
  const adapter: CarrierAdapter = {
    id: 'simulator',
    displayName: 'Recording carrier',
    capabilities: { createShipment: true, webhooks: false, tracking: true, maxBatchSize: 1 },
    trackingUrl: (n) => `https://carrier.test/${n}`,
    track: async () => [],
    parseTracking: () => [],
    async createShipment(request) {
      requests.push(request);
      return { trackingNumber: `SIM${requests.length}` };
    },
  };
  return { adapter, requests };
}

async function storedOrder(code: string) {
  const orders = createOrderRepository(db());
  await orders.create({
    code,
    customerId: '65f000000000000000000001',
    items: [{ sku: 'MUG', name: 'Mug', quantity: 2, weightGrams: 350 }],
    shippingAddress: { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
    carrierId: 'simulator',
    notificationPreferences: { channels: ['email'], language: 'en' },
    trackingToken: `tok-${code}`,
    requestHash: `hash-${code}`,
    workflowId: `shipment-${code}`,
    placedAt: '2026-12-01T10:00:00Z',
  }, null);
  return orders;
}

describe('registerShipment sends the shop\'s configured ship-from address', () => {
  it('passes SHIP_FROM_* to the carrier as the origin', async () => {
    const code = uniqueName('REG');
    const carrier = recordingCarrier();
    const shipFrom: PostalAddress = { name: 'Acme Mugs', line1: '10 Dock Rd', city: 'Portland', region: 'OR', postalCode: '97209', country: 'US' };
    const activities = createCarrierActivities({
      carriers: createCarrierRegistry([carrier.adapter]),
      orders: await storedOrder(code),
      shipFrom,
      logger: createLogger('silent'),
    });
    expect(await activities.registerShipment({ orderCode: code, carrierId: 'simulator' })).toEqual({ trackingNumber: 'SIM1' });
    expect(carrier.requests).toEqual([
      {
        orderCode: code,
        from: shipFrom,
        to: { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
        parcel: { weightGrams: 700 },
      },
    ]);
  });

  it('without it, fails retryably with a message naming the variables, asks the carrier nothing and logs an error', async () => {
    const code = uniqueName('NOFROM');
    const carrier = recordingCarrier();
    const lines: string[] = [];
    const activities = createCarrierActivities({
      carriers: createCarrierRegistry([carrier.adapter]),
      orders: await storedOrder(code),
      shipFrom: undefined,
      logger: createLogger('error', {}, (line) => lines.push(line)),
    });
    const failure = await activities.registerShipment({ orderCode: code, carrierId: 'simulator' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: SHIP_FROM_MISSING, nonRetryable: false });
    expect((failure as Error).message).toContain('SHIP_FROM_LINE1, SHIP_FROM_CITY, SHIP_FROM_POSTAL_CODE and SHIP_FROM_COUNTRY');
    expect(carrier.requests).toEqual([]);
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([{ level: 'error', msg: 'shipment registration blocked by configuration', orderCode: code }]);
  });
});
