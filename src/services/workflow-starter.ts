import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { ShipmentWorkflow } from '../../workflows/shipment-workflow.js';
import type { ShipmentSettings, ShipmentWorkflowInput } from '../../workflows/shipment-messages.js';
import { CARRIER_SA, SHIPMENT_STATUS_SA } from '../../workflows/search-attributes.js';
import type { OrderRecord } from '../db/orders/order-record.js';
import type { OrderRepository } from '../db/orders/repository.js';
import type { Logger } from '../observability/logger.js';
import type { NotificationChannel, NotificationTrigger } from '../domain/notification-policy.js';

/**
 * A storefront should not wait long on a Temporal outage: after this the order (already stored) is answered
 * and the relay loop starts its workflow later.
 */
const START_DEADLINE_MS = 3_000;

export interface WorkflowStarterDeps {
  temporal: Client;
  taskQueue: string;
  settings: ShipmentSettings;
  orders: OrderRepository;
  logger: Logger;
  now: () => Date;
}

/**
 * Starts the ShipmentWorkflow of a stored order. Idempotent: the workflow id comes from the order code
 * and a start for a running or finished workflow is treated as done, so retries never start two.
 */
export function createWorkflowStarter(deps: WorkflowStarterDeps) {
  /** Start options of an order's workflow; shared by plain starts and signal-with-start (webhook relay). */
  function startOptions(order: OrderRecord) {
    return {
      workflowId: order.workflowId,
      taskQueue: deps.taskQueue,
      workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
      ...(deps.settings.searchAttributes !== false
        ? {
            typedSearchAttributes: [
              { key: CARRIER_SA, value: order.carrierId },
              { key: SHIPMENT_STATUS_SA, value: order.status },
            ],
          }
        : {}),
      args: [
        {
          orderCode: order.code,
          carrierId: order.carrierId,
          ...(order.trackingNumber ? { trackingNumber: order.trackingNumber } : {}),
          ...(order.serviceLevel ? { serviceLevel: order.serviceLevel } : {}),
          placedAt: order.placedAt,
          settings: deps.settings,
          preferences: {
            channels: order.notificationPreferences.channels as NotificationChannel[],
            ...(order.notificationPreferences.triggers ? { triggers: order.notificationPreferences.triggers as NotificationTrigger[] } : {}),
            language: order.notificationPreferences.language,
          },
        },
      ] as [ShipmentWorkflowInput],
    };
  }

  async function ensureStarted(order: OrderRecord): Promise<void> {
    if (order.workflowStartedAt) return;
    try {
      await deps.temporal.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        deps.temporal.workflow.start(ShipmentWorkflow, { ...startOptions(order), workflowIdConflictPolicy: 'USE_EXISTING' }),
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    await deps.orders.markWorkflowStarted(order.code, deps.now());
  }

  return {
    ensureStarted,
    startOptions,

    /**
     * Starts workflows for orders accepted while Temporal was unreachable. Runs on a timer in the API
     * process; every instance may run it, starts are idempotent.
     */
    async startPending(limit = 50): Promise<number> {
      let started = 0;
      for (const order of await deps.orders.findWithoutWorkflow(limit)) {
        try {
          await ensureStarted(order);
          started += 1;
        } catch (err) {
          deps.logger.warn('workflow start still failing; will retry', { orderCode: order.code, err });
          break;
        }
      }
      return started;
    },
  };
}

export type WorkflowStarter = ReturnType<typeof createWorkflowStarter>;
