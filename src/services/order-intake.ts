import { createHash, randomBytes } from 'node:crypto';
import { withDetails, type CustomerRepository } from '../db/customers/repository.js';
import type { NotificationPreferenceRepository } from '../db/notification-preferences/repository.js';
import type { NotificationPreferencesRecord } from '../db/orders/order-record.js';
import type { OrderRecord } from '../db/orders/order-record.js';
import { DuplicateOrderError, type OrderRepository } from '../db/orders/repository.js';
import { shipmentWorkflowId } from '../domain/ids.js';
import type { PurchaseEstimate, PurchaseEstimator } from '../eta/purchase-estimate.js';
import type { Logger } from '../observability/logger.js';
import type { PlaceOrderInput } from './place-order-input.js';
import { resolveCarrier } from './resolve-carrier.js';
import { ServiceError } from './service-error.js';
import type { WorkflowStarter } from './workflow-starter.js';

export interface OrderIntakeDeps {
  orders: OrderRepository;
  customers: CustomerRepository;
  preferences: NotificationPreferenceRepository;
  workflows: WorkflowStarter;
  logger: Logger;
  now: () => Date;
  /** The purchase-time ETA (absent: orders are stored without one). */
  estimateEta?: PurchaseEstimator;
  /** After a new order is stored: e.g. webhooks that arrived before it can now be matched. */
  onPlaced?: (order: OrderRecord) => void;
}

/** What a new order stores of its purchase-time ETA; the promise also as `promisedDelivery` (the delivery report's). */
function etaFields(eta: PurchaseEstimate) {
  const e = eta.estimatedDelivery;
  return {
    etaInput: eta.etaInput,
    estimatedDelivery: e,
    etaAtPurchase: e,
    ...(e.promisedDate ? { promisedDelivery: { date: e.promisedDate, ...(e.source ? { source: e.source } : {}) } } : {}),
  };
}

/** Stable hash of a request body: same order sent twice hashes the same whatever the key order. */
export function hashBody(body: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
    }
    return value;
  };
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}

/**
 * Order intake: the order is written to MongoDB before anything else (durable before 2xx), then its
 * ShipmentWorkflow is started. If Temporal is unreachable the order stays stored and the starter's
 * relay loop starts the workflow later; the storefront still gets its 201.
 */
export function createOrderIntake(deps: OrderIntakeDeps) {
  async function startOrDefer(order: OrderRecord): Promise<void> {
    try {
      await deps.workflows.ensureStarted(order);
    } catch (err) {
      deps.logger.warn('workflow start deferred: Temporal unreachable', { orderCode: order.code, err });
    }
  }

  /**
   * One open order per carrier tracking number: webhooks and look-ups find one order by it, so a second
   * open order under the same number would silently take its news. A number whose order has ended
   * (delivered, returned, cancelled) may be used again: carriers recycle numbers, and a shop re-shipping
   * under the same number cancels the first order. Checked before anything is written.
   */
  async function refuseTrackingNumberInUse(orderCode: string, carrierId: string, trackingNumber: string): Promise<void> {
    const holder = await deps.orders.findOpenByTrackingNumber(carrierId, trackingNumber);
    if (holder && holder.code !== orderCode) {
      throw new ServiceError(
        'TRACKING_NUMBER_IN_USE',
        `Tracking number ${trackingNumber} belongs to order ${holder.code}, which is still open; cancel that order first if this parcel replaces it.`,
        { orderCode: holder.code },
      );
    }
  }

  return {
    async placeOrder(body: PlaceOrderInput, idempotencyKey?: string): Promise<{ order: OrderRecord; created: boolean }> {
      const carrier = resolveCarrier(body.shipping);
      if (carrier.trackingNumber) await refuseTrackingNumberInUse(body.orderCode, carrier.carrierId, carrier.trackingNumber);
      const requestHash = hashBody(body);
      // The customer is found or created as given; an existing one's details, and the preferences sent
      // with the order, change only once the order is stored, so a refused order changes nobody.
      const customer = await deps.customers.findOrCreateByEmail(body.customer);
      const now = deps.now();
      // Preferences sent with the order become the customer's standing choice; otherwise that choice applies.
      let preferences: NotificationPreferencesRecord;
      if (body.notifications) {
        preferences = {
          channels: body.notifications.channels,
          ...(body.notifications.triggers ? { triggers: body.notifications.triggers } : {}),
          language: body.notifications.language,
        };
      } else {
        preferences = (await deps.preferences.find(customer.id)) ?? { channels: ['email'], language: 'en' };
      }
      /** Idempotent: run after the first store and again on a retry of the same request. */
      const adoptCustomerDetails = async () => {
        await deps.customers.refresh(customer.id, body.customer);
        if (body.notifications) await deps.preferences.save(customer.id, preferences);
      };
      const placedAt = body.placedAt ? new Date(body.placedAt).toISOString() : now.toISOString();
      const timeZone = body.customer.timeZone;
      const eta = deps.estimateEta?.(body.orderCode, {
        placedAt,
        shippingAddress: body.shippingAddress,
        items: body.items,
        carrierId: carrier.carrierId,
        ...(body.shipping.serviceLevel ? { serviceLevel: body.shipping.serviceLevel } : {}),
        ...(timeZone ? { customerTimeZone: timeZone } : {}),
      });
      try {
        const order = await deps.orders.create({
          code: body.orderCode,
          customerId: customer.id,
          items: body.items,
          shippingAddress: body.shippingAddress,
          ...(body.currency ? { currency: body.currency } : {}),
          ...(body.totalCents !== undefined ? { totalCents: body.totalCents } : {}),
          carrierId: carrier.carrierId,
          ...(body.shipping.serviceLevel ? { serviceLevel: body.shipping.serviceLevel } : {}),
          ...(carrier.trackingNumber ? { trackingNumber: carrier.trackingNumber } : {}),
          notificationPreferences: preferences,
          trackingToken: randomBytes(18).toString('base64url'),
          ...(idempotencyKey ? { idempotencyKey } : {}),
          requestHash,
          workflowId: shipmentWorkflowId(body.orderCode),
          placedAt,
          ...(timeZone ? { customerTimeZone: timeZone } : {}),
          ...(eta ? etaFields(eta) : {}),
          // The view shows the contact as it is once this order's own details are adopted (just below): the
          // customer read above may predate another order's change, which found no view of this one to set.
        }, withDetails(customer, body.customer));
        await adoptCustomerDetails();
        await startOrDefer(order);
        deps.onPlaced?.(order);
        return { order: (await deps.orders.findByCode(order.code)) ?? order, created: true };
      } catch (err) {
        if (!(err instanceof DuplicateOrderError)) throw err;
        const existing = err.existing;
        if (idempotencyKey && existing.idempotencyKey === idempotencyKey) {
          if (existing.requestHash !== requestHash) {
            throw new ServiceError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request body.');
          }
          await adoptCustomerDetails();
          await startOrDefer(existing);
          return { order: (await deps.orders.findByCode(existing.code)) ?? existing, created: false };
        }
        throw new ServiceError('ORDER_EXISTS', `Order ${existing.code} exists already; send the same Idempotency-Key to retry a request.`);
      }
    },
  };
}

export type OrderIntake = ReturnType<typeof createOrderIntake>;
