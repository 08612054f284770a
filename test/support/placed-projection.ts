import type { Connection } from 'mongoose';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import type { ViewCustomer } from '../../src/db/tracking-views/repository.js';
import type { ProjectionInput } from '../../src/db/shipments/projection-input.js';
import { newOrderRecord } from './orders.js';
import { uniqueName } from './servers.js';

/**
 * A placed order (its tracking view built with `customer`), and a first projection of it (a picked-up scan)
 * with `fields` over it: for read-model tests that write projections of a real stored order.
 */
export async function placedOrderProjection(
  connection: Connection,
  fields: Partial<ProjectionInput> = {},
  customer: (ViewCustomer & { id: string }) | null = null,
): Promise<ProjectionInput> {
  const code = uniqueName('PRJ');
  await createOrderRepository(connection).create(newOrderRecord(code, { placedAt: '2026-12-01T08:00:00Z', ...(customer ? { customerId: customer.id } : {}) }), customer);
  return {
    orderCode: code,
    carrierId: 'ups',
    revision: 1,
    status: 'in_transit',
    milestone: 'shipped',
    milestoneAt: { order_received: '2026-12-01T08:00:00Z', shipped: '2026-12-01T18:00:00Z' },
    stalledSince: null,
    newEvents: [{ status: 'in_transit', occurredAt: '2026-12-01T18:00:00Z', description: 'Picked up' }],
    eventSource: 'webhook',
    ...fields,
  };
}
