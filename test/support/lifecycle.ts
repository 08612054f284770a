import type { TestStack } from './stack.js';
import { orderBody } from './orders.js';
import { storefrontHeaders } from './orders.js';
import { shipmentWorkflowId } from '../../src/domain/ids.js';
import { simulatorTrackingNumber } from '../../src/carriers/tracking-number/index.js';

let serial = 500_000_000 + Math.floor(Math.random() * 1e8);

/** Places an order through the API for a fresh simulator tracking number; returns its code, number and handle. */
export async function placeSimulatorOrder(
  stack: TestStack,
  code: string,
  options: { prepare?: (trackingNumber: string) => Promise<void>; overrides?: Record<string, unknown> } = {},
) {
  const trackingNumber = simulatorTrackingNumber(serial++);
  // The carrier must know the number before the workflow's first look-up.
  await options.prepare?.(trackingNumber);
  const overrides = options.overrides ?? {};
  const res = await stack.app.request('/api/v1/orders', {
    method: 'POST',
    headers: storefrontHeaders({ 'idempotency-key': `key-${code}` }),
    body: JSON.stringify(orderBody(code, { shipping: { carrier: 'simulator', trackingNumber }, ...overrides })),
  });
  if (res.status !== 201) throw new Error(`order ${code} not accepted: ${res.status} ${await res.text()}`);
  return { code, trackingNumber, handle: stack.temporal.workflow.getHandle(shipmentWorkflowId(code)) };
}
