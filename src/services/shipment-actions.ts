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
import type { OrderRecord } from '../db/orders/order-record.js';
import type { OrderRepository } from '../db/orders/repository.js';
import { notFoundError, ServiceError } from './service-error.js';
import { toOrderView, type OrderLinks, type OrderView } from './queries/order-view.js';

const FINAL_STATUSES = new Set(['delivered', 'returned_to_sender', 'cancelled']);

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
      if ((err as { code?: number }).code === 14 || /UNAVAILABLE|deadline/i.test(String((err as Error).message))) {
        throw new ServiceError('TEMPORAL_UNAVAILABLE', 'Workflow service unreachable; retry shortly.');
      }
      throw err;
    }
  }

  const handle = (order: OrderRecord) => deps.temporal.workflow.getHandle(order.workflowId);

  return {
    async cancel(code: string, reason?: string): Promise<OrderView> {
      const order = await orderOrThrow(code);
      if (FINAL_STATUSES.has(order.status)) throw new ServiceError('ORDER_NOT_CANCELLABLE', `Order ${code} is ${order.status}.`);
      await toWorkflow(order, () =>
        handle(order).signal(cancelSignal, { ...(reason ? { reason } : {}), requestedAt: deps.now().toISOString() }),
      );
      return toOrderView(order, deps.links);
    },

    /**
     * New notification choices: stored on the order and as the customer's standing choice, then sent to the
     * workflow, which applies them to every later milestone.
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
      await deps.orders.setNotificationPreferences(code, prefs);
      await deps.preferences.save(order.customerId, prefs);
      if (!FINAL_STATUSES.has(order.status)) {
        await toWorkflow(order, () =>
          handle(order).signal(preferencesChangedSignal, {
            channels: prefs.channels as NotificationChannel[],
            ...(prefs.triggers ? { triggers: prefs.triggers as NotificationTrigger[] } : {}),
            language: prefs.language,
          }),
        );
      }
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
