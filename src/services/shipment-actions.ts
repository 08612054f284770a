import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import {
  cancelSignal,
  getStateQuery,
  markInPreparationUpdate,
  pollNowSignal,
  preferencesChangedSignal,
  type ShipmentWorkflowState,
} from '../../workflows/shipment-messages.js';
import type { CustomerRepository } from '../db/customers/repository.js';
import type { NotificationPreferenceRepository } from '../db/notification-preferences/repository.js';
import type { NotificationPreferencesRecord } from '../db/orders/order-record.js';
import type { NotificationChannel, NotificationTrigger } from '../domain/notification-policy.js';
import { isTerminalStatus } from '../domain/status-rank.js';
import type { OrderRecord } from '../db/orders/order-record.js';
import type { OrderRepository } from '../db/orders/repository.js';
import { notFoundError, ServiceError } from './service-error.js';
import { toOrderView, type OrderLinks, type OrderView } from './queries/order-view.js';

/**
 * How long a preferences signal may take. A signal takes milliseconds when Temporal answers; unbounded, an
 * unreachable Temporal held a customer's form post for about 20 s of gRPC retries before failing.
 */
const PREFERENCES_SIGNAL_DEADLINE_MS = 5_000;
/** gRPC status codes of a Temporal that did not answer: UNAVAILABLE, DEADLINE_EXCEEDED. */
const UNREACHABLE_CODES = new Set([14, 4]);

/**
 * Whether an error (or the error it wraps: the client raises "Failed to signal Workflow" with the gRPC
 * error as its cause) says Temporal could not be reached.
 */
function isUnreachable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (UNREACHABLE_CODES.has((e as { code?: number }).code ?? -1) || /UNAVAILABLE|deadline/i.test(String((e as Error).message))) return true;
  }
  return false;
}

/**
 * Requests to a running shipment, sent to its workflow (Temporal is the source of truth for what happens
 * next). Signals are durable once Temporal accepts them; an unreachable Temporal is TEMPORAL_UNAVAILABLE, to retry.
 */
export function createShipmentActions(deps: {
  temporal: Client;
  orders: OrderRepository;
  customers: Pick<CustomerRepository, 'findById'>;
  preferences: NotificationPreferenceRepository;
  now: () => Date;
  /** Base of the links in the order views these actions answer with. */
  links: OrderLinks;
}) {
  async function orderOrThrow(code: string): Promise<OrderRecord> {
    const order = await deps.orders.findByCode(code);
    if (!order) throw notFoundError('Order');
    return order;
  }

  async function toWorkflow<T>(order: OrderRecord, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ServiceError('SHIPMENT_CLOSED', `Tracking for order ${order.code} has ended.`);
      if (err instanceof WorkflowUpdateFailedError) throw new ServiceError('NOT_ALLOWED', err.cause?.message ?? err.message);
      if (isUnreachable(err)) {
        throw new ServiceError('TEMPORAL_UNAVAILABLE', 'Workflow service unreachable; retry shortly.');
      }
      throw err;
    }
  }

  const handle = (order: OrderRecord) => deps.temporal.workflow.getHandle(order.workflowId);

  return {
    async cancel(code: string, reason?: string): Promise<OrderView> {
      const order = await orderOrThrow(code);
      if (isTerminalStatus(order.status)) throw new ServiceError('ORDER_NOT_CANCELLABLE', `Order ${code} is ${order.status}.`);
      await toWorkflow(order, () =>
        handle(order).signal(cancelSignal, { ...(reason ? { reason } : {}), requestedAt: deps.now().toISOString() }),
      );
      return toOrderView(order, deps.links);
    },

    /**
     * New notification choices: sent to the workflow, which applies them to every later milestone, then
     * stored on the order and as the customer's standing choice. The workflow first, so that when Temporal
     * is unreachable (TEMPORAL_UNAVAILABLE) nothing has changed: before, the order and the customer's
     * choice were stored and the workflow kept the old channels, a change half applied that the caller was
     * told had failed. A store failure after the signal is answered as an error too, and the retry sends
     * the same choices again (the signal is idempotent: it sets, it does not add).
     */
    async setNotificationPreferences(code: string, prefs: NotificationPreferencesRecord): Promise<OrderView> {
      const order = await orderOrThrow(code);
      if (prefs.channels.includes('sms')) {
        // Refused here rather than skipped at every milestone later: the shop can ask for a number now.
        const customer = await deps.customers.findById(order.customerId);
        if (!customer?.phone) {
          const message = `SMS needs a phone number, and the customer of order ${code} has none: send customer.phone with an order, or choose another channel.`;
          throw new ServiceError('CHANNEL_NEEDS_PHONE', message, { channel: 'sms' });
        }
      }
      if (!isTerminalStatus(order.status)) {
        await toWorkflow(order, () =>
          deps.temporal.withDeadline(Date.now() + PREFERENCES_SIGNAL_DEADLINE_MS, () =>
            handle(order).signal(preferencesChangedSignal, {
              channels: prefs.channels as NotificationChannel[],
              ...(prefs.triggers ? { triggers: prefs.triggers as NotificationTrigger[] } : {}),
              language: prefs.language,
            }),
          ),
        );
      }
      await deps.orders.setNotificationPreferences(code, prefs);
      await deps.preferences.save(order.customerId, prefs);
      return toOrderView((await deps.orders.findByCode(code)) ?? order, deps.links);
    },

    async pollNow(code: string): Promise<void> {
      const order = await orderOrThrow(code);
      await toWorkflow(order, () => handle(order).signal(pollNowSignal));
    },

    async markInPreparation(code: string): Promise<ShipmentWorkflowState> {
      const order = await orderOrThrow(code);
      return toWorkflow(order, () =>
        handle(order).executeUpdate(markInPreparationUpdate, { args: [{ requestedAt: deps.now().toISOString() }] }),
      );
    },

    /** The live workflow state, or null when the workflow has ended or Temporal is unreachable. */
    async workflowState(order: OrderRecord): Promise<ShipmentWorkflowState | null> {
      try {
        return await deps.temporal.withDeadline(Date.now() + 2_000, () => handle(order).query(getStateQuery));
      } catch {
        return null;
      }
    },
  };
}

export type ShipmentActions = ReturnType<typeof createShipmentActions>;
