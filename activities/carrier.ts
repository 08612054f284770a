import { ApplicationFailure, Context } from '@temporalio/activity';
import { PermanentCarrierError, TransientCarrierError, type CarrierAdapter } from '../src/carriers/carrier-adapter.js';
import type { CarrierRegistry } from '../src/carriers/registry.js';
import type { OrderRepository } from '../src/db/orders/repository.js';
import type { PostalAddress } from '../src/domain/postal-address.js';
import type { Logger } from '../src/observability/logger.js';
import type { CarrierHealthFeed } from './carrier-health-feed.js';
import type { PollCarrierInput, PollCarrierResult, RegisterShipmentInput, RegisterShipmentResult } from './activity-types.js';

/**
 * Carrier errors become Temporal failures the retry policy understands: permanent ones are
 * non-retryable (type PermanentCarrierError), transient ones retry, honouring the carrier's Retry-After.
 */
function toFailure(err: unknown): unknown {
  if (err instanceof PermanentCarrierError) {
    return ApplicationFailure.create({ message: `${err.code}: ${err.message}`, type: 'PermanentCarrierError', nonRetryable: true });
  }
  if (err instanceof TransientCarrierError) {
    return ApplicationFailure.create({
      message: `${err.code}: ${err.message}`,
      type: 'TransientCarrierError',
      ...(err.retryAfterMs !== undefined ? { nextRetryDelay: err.retryAfterMs } : {}),
    });
  }
  return err;
}

/**
 * When this look-up attempt happened by the server's clock (the attempt's scheduled time): outage times
 * then agree with the workflows' timers, also on a time-skipping test server. Outside an activity: now.
 */
function attemptTime(): Date {
  try {
    return new Date(Context.current().info.currentAttemptScheduledTimestampMs);
  } catch {
    return new Date();
  }
}

function adapterFor(carriers: CarrierRegistry, carrierId: string): CarrierAdapter {
  const adapter = carriers.get(carrierId);
  if (!adapter) {
    throw ApplicationFailure.create({
      message: `carrier ${carrierId} is not configured on this worker (set its credentials)`,
      type: 'PermanentCarrierError',
      nonRetryable: true,
    });
  }
  return adapter;
}

/**
 * Registration without a ship-from address fails with this type, retried (up to the registration policy's
 * 30-minute interval): once the worker restarts with the address, the shipment registers.
 */
export const SHIP_FROM_MISSING = 'ShipFromNotConfigured';

export function createCarrierActivities(deps: {
  carriers: CarrierRegistry;
  orders: OrderRepository;
  /** The shop's address (SHIP_FROM_*), sent to carriers that create shipments. */
  shipFrom: PostalAddress | undefined;
  logger: Logger;
  /** Carrier health, fed by every look-up's outcome (absent: not recorded). */
  health?: CarrierHealthFeed;
}) {
  return {
    /** Looks up one tracking number: the poll path. "Not found yet" is an answer, not a failure. */
    async pollCarrier(input: PollCarrierInput): Promise<PollCarrierResult> {
      const adapter = adapterFor(deps.carriers, input.carrierId);
      const at = attemptTime();
      try {
        const [update] = await adapter.track([input.trackingNumber]);
        await deps.health?.succeeded(input.carrierId, at);
        if (!update || update.notFound) return { events: [], notFound: true };
        return { events: update.events, ...(update.eta ? { eta: update.eta } : {}) };
      } catch (err) {
        // A permanent error is an answer from a working carrier (as for the circuit breaker): health, not failure.
        if (err instanceof PermanentCarrierError) await deps.health?.succeeded(input.carrierId, at);
        else {
          const transient = err instanceof TransientCarrierError;
          await deps.health?.failed({
            carrierId: input.carrierId,
            orderCode: input.orderCode,
            error: transient ? `${err.code}: ${err.message}` : 'look-up failed',
            at,
            circuitOpen: transient && err.code === 'CIRCUIT_OPEN',
          });
        }
        throw toFailure(err);
      }
    },

    /** Creates the shipment with the carrier when it can; otherwise the workflow waits for the shop's number. */
    async registerShipment(input: RegisterShipmentInput): Promise<RegisterShipmentResult> {
      const order = await deps.orders.findByCode(input.orderCode);
      if (order?.trackingNumber) return { trackingNumber: order.trackingNumber };
      const adapter = adapterFor(deps.carriers, input.carrierId);
      if (!adapter.capabilities.createShipment || !adapter.createShipment || !order) return {};
      if (!deps.shipFrom) {
        const message = `registering order ${input.orderCode} with ${input.carrierId} needs the shop's ship-from address: set SHIP_FROM_LINE1, SHIP_FROM_CITY, SHIP_FROM_POSTAL_CODE and SHIP_FROM_COUNTRY on the worker`;
        deps.logger.error('shipment registration blocked by configuration', { orderCode: input.orderCode, carrierId: input.carrierId, missing: 'SHIP_FROM_*' });
        throw ApplicationFailure.create({ message, type: SHIP_FROM_MISSING });
      }
      try {
        const created = await adapter.createShipment({
          orderCode: input.orderCode,
          ...(input.serviceLevel ? { serviceLevel: input.serviceLevel } : {}),
          from: deps.shipFrom,
          to: order.shippingAddress,
          parcel: { weightGrams: order.items.reduce((sum, i) => sum + (i.weightGrams ?? 0) * i.quantity, 0) },
        });
        return { trackingNumber: created.trackingNumber, ...(created.eta ? { eta: created.eta } : {}) };
      } catch (err) {
        throw toFailure(err);
      }
    },
  };
}
